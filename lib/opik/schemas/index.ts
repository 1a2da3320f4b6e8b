export * from "./common";
export * from "./filters";
export * from "./scores";
export * from "./comments";
export * from "./spans";
export * from "./traces";
export * from "./projects";
