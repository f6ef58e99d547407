// Meilisearch filter expressions, built in one place: values are quoted the way its filter syntax
// expects (JSON string escaping), so nothing a person types can change the expression.

const quote = (value: string) => JSON.stringify(value);
const list = (values: readonly string[]) => `[${values.map(quote).join(", ")}]`;

/** `attribute IN ["a", "b"]`: the attribute holds one of the values. */
export const anyOf = (attribute: string, values: readonly string[]) => `${attribute} IN ${list(values)}`;

/** `attribute NOT IN ["a", "b"]`. */
export const noneOf = (attribute: string, values: readonly string[]) => `${attribute} NOT IN ${list(values)}`;

/** `attribute = "value"`. */
export const equals = (attribute: string, value: string) => `${attribute} = ${quote(value)}`;
