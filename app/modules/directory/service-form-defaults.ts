// What the form for a new service starts with, without the validation library (the form in the
// browser reads it): cost "keine Angabe" until someone says otherwise.
import type { CostKind, EntryStatus } from "#db/schema/directory-enums";

export const NEW_SERVICE_DEFAULTS: { cost: CostKind; status: EntryStatus; languages: string } = { cost: "unknown", status: "active", languages: "de" };
