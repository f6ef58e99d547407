const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a value (a URL parameter, a form field) has the shape of a row id: anything else would make PostgreSQL fail, so it never reaches a query. */
export const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);
