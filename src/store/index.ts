/** deepthink's SQLite layer: the one place that owns the schema, its migrations and every SQL statement. */
export {
  type EvalRun,
  type EvalRunInput,
  type GradedSample,
  type ProblemInput,
  type SampleInput,
  type SampleSummary,
  type StoredSample,
  sampleKey,
  type Verdict,
  type VerdictInput,
} from "./eval-records.js";
export { EvalStore } from "./eval-store.js";
export { checkMigrations, type Migration, runMigrations } from "./migrate.js";
export { MIGRATIONS } from "./migrations.js";
export {
  type Database,
  defaultDatabasePath,
  type OpenDatabaseOptions,
  openDatabase,
} from "./open-database.js";
