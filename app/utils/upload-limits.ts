/**
 * The size limits of the routes that take a file, in one place: the route enforces its own while it
 * parses (and answers at the field), and the edge (scripts/lib/edge.ts) refuses a body past it plus
 * room for the other fields before anything is buffered.
 */
/** A directory import file (HSDS JSON or CSV) at /verzeichnis/import. */
export const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;
/** A CSV list of addresses at /verwaltung/einladungen. */
export const INVITATION_FILE_MAX_BYTES = 1024 * 1024;
