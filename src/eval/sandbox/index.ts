/** Sandboxed execution of generated Python programs with LiveCodeBench's grading semantics. */
export { detectSandbox } from "./detect-isolation.js";
export type { TestOutcome, TestVerdict } from "./driver-events.js";
export type { DriverJob, Isolation } from "./run-driver.js";
export { runLcbJob, type SandboxRun } from "./run-lcb-job.js";
export type { SandboxTools } from "./sandbox-command.js";
export {
  DEFAULT_LIMITS,
  type IsolationKind,
  type SandboxLimits,
  type SandboxOptions,
} from "./sandbox-options.js";
export { SlotPool } from "./slot-pool.js";
