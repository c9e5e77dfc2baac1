import type { Command } from "commander";
import type { LlamaCppEngineOptions } from "../engine/llama-cpp/index.js";
import { parseIntOption } from "./cli-io.js";

export interface EngineFlags {
  threads?: number;
  ctx?: number;
  parallel?: number;
  mmap?: boolean;
  gpu?: boolean;
}

/** The llama.cpp engine flags shared by `run`, `chat` and `serve`. */
export function addEngineOptions(command: Command, defaults: { parallel?: number } = {}): Command {
  return command
    .option("--threads <n>", "CPU threads (default: the physical cores)", parseIntOption(1, 1024))
    .option(
      "--ctx <tokens>",
      "context per request, in tokens (default: 8192, capped by the model)",
      parseIntOption(64, 1 << 21),
    )
    .option(
      "--parallel <n>",
      `requests served at once (default: ${defaults.parallel ?? 2})`,
      parseIntOption(1, 256),
    )
    .option("--mmap", "memory-map the weights instead of reading them into memory")
    .option("--no-gpu", "run on the CPU even when a GPU is found");
}

export function engineOptionsFrom(
  flags: EngineFlags,
  defaults: { parallel?: number } = {},
): Partial<LlamaCppEngineOptions> {
  return {
    ...(flags.threads != null ? { threads: flags.threads } : {}),
    ...(flags.ctx != null ? { contextSize: flags.ctx } : {}),
    parallel: flags.parallel ?? defaults.parallel ?? 2,
    useMmap: flags.mmap === true,
    gpu: flags.gpu !== false,
  };
}
