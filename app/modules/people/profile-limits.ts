// The profile form's limits, without the validation library: the form in the browser reads them
// (how many organisation rows to show) and profile-schema.ts checks them on the server.

export const ABOUT_MAX = 500;
export const FUNCTION_MAX = 120;
export const ORGANISATIONS_MAX = 10;
/** Organisation rows the form shows without JavaScript: the person's own and at least this many. */
export const ORGANISATION_ROWS_MIN = 3;
