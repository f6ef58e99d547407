export * from "./users";
export * from "./rate-limits";
export * from "./directory";
export * from "./groups";
export * from "./group-content";
export * from "./open-mic";
