// Imported first by the benchmark: the app's logger is made when a module first imports it, and a
// line per request (thousands in a run) would bury the report. Warnings and errors still show.
process.env.LOG_LEVEL ??= "warn";
