export { DEFAULT_SEED, generateBatches, type GenerateOptions, type SeedBatch } from "./generate";
export type { SeedComment, SeedScore } from "./reviews";
export { DEMO_PROJECT, seedDemoIfEmpty, seedProject, writeBatch, type SeedProgress, type SeedProjectOptions } from "./seed-db";
