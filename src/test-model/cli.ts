/**
 * `npm run test-model -- --out <file.gguf> [flags]` (and `deepthink test-model`): writes a test model and
 * prints one JSON line describing it. Bad flags print one line on stderr and exit 2; I/O failures exit 1.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isDeepthinkError } from "../errors.js";
import type { ShapeName, ShapeQuant } from "./shape-alike.js";
import type { TemplateChoice, TinyArch } from "./tiny-model.js";
import { type WriteTestModelOptions, writeTestModel } from "./write-test-model.js";

export const TEST_MODEL_USAGE = `usage: test-model --out <file.gguf> [flags]
  --reply <text>       scripted model that answers exactly this raw output after <｜Assistant｜>,
                       e.g. in bash --reply $'<think>\\nsum</think>\\\\boxed{4}' (random weights without it)
  --arch qwen2|llama   tiny model architecture (default qwen2)
  --template r1|r1-think|none   chat template (default r1)
  --seed N             weight seed (default 1)
  --ctx N              context_length written to the file (default 4096)
  --shape r1-distill-qwen-1.5b  exact shapes of a real model with random weights (about 1.1 GB)
  --quant q4_k_m|q4_0|q8_0      shape-alike quantization (default q4_k_m)
  --layers N           shape-alike with fewer layers
  --header-only        write only header and tensor infos (a deliberately truncated file)`;

const FLAGS = {
  out: { type: "string" },
  reply: { type: "string" },
  arch: { type: "string" },
  template: { type: "string" },
  seed: { type: "string" },
  ctx: { type: "string" },
  shape: { type: "string" },
  quant: { type: "string" },
  layers: { type: "string" },
  "header-only": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

class UsageError extends Error {}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (value == null) return undefined;
  const v = value.toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}, got ${JSON.stringify(value)}`);
}

function integer(flag: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value == null) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

function parseFlags(argv: string[]): WriteTestModelOptions | "help" {
  let values: ReturnType<typeof parseArgs<{ options: typeof FLAGS; strict: true }>>["values"];
  try {
    ({ values } = parseArgs({ args: argv, options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
    const missing = /Option '(--[\w-]+)[^']*' argument (missing|is ambiguous)/.exec(message)?.[1];
    const positional = /Unexpected argument '([^']*)'/.exec(message)?.[1];
    if (unknown != null) throw new UsageError(`unknown flag ${unknown} (see --help)`);
    if (missing != null)
      throw new UsageError(`${missing} needs a value (use ${missing}=<value> if it starts with -)`);
    if (positional != null)
      throw new UsageError(`unexpected argument ${JSON.stringify(positional)} (see --help)`);
    throw new UsageError(message.split("\n")[0] ?? message);
  }
  if (values.help === true) return "help";
  if (values.out == null || values.out === "") throw new UsageError("--out <file.gguf> is required");
  const common = { out: values.out, headerOnly: values["header-only"] === true };
  const shape = oneOf<ShapeName>("shape", values.shape, ["r1-distill-qwen-1.5b"]);
  const template = oneOf<TemplateChoice>("template", values.template, ["r1", "r1-think", "none"]);
  if (shape != null) {
    for (const flag of ["reply", "arch", "seed", "ctx"] as const) {
      if (values[flag] != null)
        throw new UsageError(`--${flag} cannot be combined with --shape (shapes are exact)`);
    }
    if (template === "none") throw new UsageError("--template none cannot be combined with --shape");
    const quant = oneOf<ShapeQuant>("quant", values.quant, ["q4_k_m", "q4_0", "q8_0"]);
    const layers = integer("layers", values.layers, 1, 512);
    return {
      ...common,
      shape,
      ...(quant != null ? { quant } : {}),
      ...(layers != null ? { layers } : {}),
      ...(template != null ? { template } : {}),
    };
  }
  for (const flag of ["quant", "layers"] as const) {
    if (values[flag] != null) throw new UsageError(`--${flag} needs --shape`);
  }
  const arch = oneOf<TinyArch>("arch", values.arch, ["qwen2", "llama"]);
  const seed = integer("seed", values.seed, 0, 0xffffffff);
  const contextLength = integer("ctx", values.ctx, 1, 0xffffffff);
  return {
    ...common,
    ...(values.reply != null ? { reply: values.reply } : {}),
    ...(arch != null ? { arch } : {}),
    ...(template != null ? { template } : {}),
    ...(seed != null ? { seed } : {}),
    ...(contextLength != null ? { contextLength } : {}),
  };
}

/** Runs the CLI; returns the exit code (0 written, 1 could not write, 2 bad flags). Never throws. */
export async function runTestModelCli(argv: string[], io: CliIo = processIo): Promise<number> {
  let options: WriteTestModelOptions | "help";
  try {
    options = parseFlags(argv);
  } catch (error) {
    io.err(`test-model: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  if (options === "help") {
    io.out(TEST_MODEL_USAGE);
    return 0;
  }
  try {
    const written = await writeTestModel(options);
    io.out(JSON.stringify(written));
    return 0;
  } catch (error) {
    if (isDeepthinkError(error) && error.code === "invalid_argument") {
      const flag = error.param === "contextLength" ? "ctx" : error.param;
      io.err(
        `test-model: ${flag != null ? `--${flag}: ` : ""}${error.message}${error.hint != null ? `. ${error.hint}` : ""}`,
      );
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`test-model: cannot write ${options.out}: ${message}`);
    return 1;
  }
}

if (process.argv[1] != null && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runTestModelCli(process.argv.slice(2));
}
