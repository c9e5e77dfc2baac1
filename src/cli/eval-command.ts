/**
 * `deepthink eval`: the evaluation harness. `run` generates and grades samples (embedded engine or any
 * OpenAI-compatible endpoint) into the SQLite store, resuming what a stopped run left; `score` re-grades
 * stored samples; `list` shows the runs; `grade` grades one answer. See docs/eval.md.
 */
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import { type Command, InvalidArgumentError, Option } from "commander";
import { DeepthinkError } from "../errors.js";
import type { Grading } from "../eval/cli/eval-io.js";
import { listRuns } from "../eval/cli/list-runs.js";
import { type ModelSource, runEval } from "../eval/cli/run-eval.js";
import { scoreEval } from "../eval/cli/score-eval.js";
import { parseDateWindow } from "../eval/datasets/lcb-benchmark.js";
import { endpointGenerator } from "../eval/generation/endpoint-generator.js";
import { engineGenerator } from "../eval/generation/engine-generator.js";
import { closeGraders, GRADER_VERSION, gradeSample } from "../eval/grade-sample.js";
import { parseJson } from "../eval/json-text.js";
import type { PromptStyle } from "../eval/prompts/build-prompt.js";
import { loadModelsHome } from "../models/home.js";
import { resolveModel } from "../models/resolve-model.js";
import { RECOMMENDED_SAMPLING } from "../protocol/index.js";
import { defaultDatabasePath } from "../store/index.js";
import { type CliIo, parseFloatOption, parseIntOption } from "./cli-io.js";
import { addEngineOptions, type EngineFlags, engineOptionsFrom } from "./engine-options.js";
import { registerEvalGradeCommand } from "./eval-grade-command.js";
import { openEngine } from "./open-engine.js";

interface RunFlags extends EngineFlags {
  benchmark?: string[];
  model?: string;
  endpoint?: string;
  modelName?: string;
  apiKey?: string;
  samples?: number;
  concurrency?: number;
  seed?: number;
  limit?: number;
  temperature: number;
  topP: number;
  maxTokens: number;
  promptStyle: PromptStyle;
  shuffleSeed: number;
  lcbWindow?: { from: string; to: string };
  data?: string[];
  extraBody?: Record<string, unknown>;
  retries: number;
  db?: string;
  out?: string;
  compare?: string;
}

/** The R1 protocol's generation cap (README: "the maximum generation length is set to 32,768 tokens"). */
const R1_MAX_TOKENS = 32_768;
const ENDPOINT_CONCURRENCY = 16;

export function registerEvalCommand(program: Command, io: CliIo): void {
  const evalCommand = program
    .command("eval")
    .description(
      "evaluate a model on AIME, MATH-500, GPQA Diamond, LiveCodeBench or your own JSONL (docs/eval.md)",
    );

  const run = evalCommand
    .command("run")
    .description("generate and grade samples; a stopped run continues where it left off")
    .option(
      "--benchmark <names>",
      "aime24, aime25, math500, gpqa-diamond, livecodebench or a .jsonl file (repeatable, comma-separated)",
      collectList,
    )
    .option(
      "--model <model>",
      "the embedded engine: an alias, hf:user/repo:QUANT, an https URL or a .gguf path",
    )
    .option("--endpoint <url>", "an OpenAI-compatible base URL instead, e.g. http://localhost:8000/v1")
    .option("--model-name <name>", "the model name the endpoint serves (with --endpoint)")
    .option("--api-key <key>", "the endpoint's API key (default: $OPENAI_API_KEY)")
    .option(
      "--samples <k>",
      "samples per problem (default: 64 AIME and GPQA, 16 MATH-500, 8 LiveCodeBench, 1 JSONL)",
      parseIntOption(1, 4096),
    )
    .option(
      "--concurrency <n>",
      `requests in flight (default: the engine's --parallel, or ${ENDPOINT_CONCURRENCY} for an endpoint)`,
      parseIntOption(1, 4096),
    )
    .option("--seed <n>", "base seed: sample i is drawn with seed n+i", parseIntOption(0, 2 ** 31 - 1))
    .option("--limit <n>", "only the first n problems of each benchmark", parseIntOption(1))
    .option(
      "--temperature <t>",
      "sampling temperature",
      parseFloatOption(0, 2),
      RECOMMENDED_SAMPLING.temperature,
    )
    .option("--top-p <p>", "nucleus sampling", parseFloatOption(0, 1), RECOMMENDED_SAMPLING.topP)
    .option(
      "--max-tokens <n>",
      "generated tokens per sample, reasoning included",
      parseIntOption(1),
      R1_MAX_TOKENS,
    )
    .addOption(
      new Option("--prompt-style <style>", "r1: the README's prompts; lighteval: open-r1/lighteval's")
        .choices(["r1", "lighteval"])
        .default("r1"),
    )
    .option("--shuffle-seed <n>", "seed of the multiple-choice option shuffles", parseIntOption(0), 0)
    .option(
      "--lcb-window <from..to>",
      "LiveCodeBench contest dates, inclusive (default 2024-08-01..2025-01-31)",
      parseWindow,
    )
    .option(
      "--data <file>",
      "read a public benchmark from this local file instead of the Hub (repeatable)",
      collect,
    )
    .option(
      "--extra-body <json>",
      "extra fields for every endpoint request, as a JSON object",
      parseJsonObject,
    )
    .option(
      "--retries <n>",
      "retries of a failed request (429, 5xx, dropped connection)",
      parseIntOption(0, 100),
      5,
    )
    .option("--db <file>", "the results database (default: $DEEPTHINK_HOME/deepthink.db)")
    .option("--out <dir>", "write summary.json, results.md and report.html here")
    .option("--compare <model>", "the README row to compare with (default: guessed from the model name)");
  addEngineOptions(run).action(async (flags: RunFlags) => {
    process.exitCode = await runAction(flags, io);
  });

  evalCommand
    .command("score")
    .description("re-grade stored samples with the current graders (no generation)")
    .argument("[runs...]", "runs, by a prefix of their hash (see deepthink eval list)")
    .option("--all", "every run in the database")
    .option("--db <file>", "the results database (default: $DEEPTHINK_HOME/deepthink.db)")
    .option("--data <file>", "the dataset file, when the run's own has moved (repeatable)", collect)
    .option("--out <dir>", "write summary.json, results.md and report.html here")
    .option("--compare <model>", "the README row to compare with")
    .action(
      async (
        runs: string[],
        flags: { all?: boolean; db?: string; data?: string[]; out?: string; compare?: string },
      ) => {
        process.exitCode = await scoreEval(
          {
            runs,
            all: flags.all === true,
            dbPath: flags.db ?? defaultDatabasePath(io.env),
            ...(flags.data != null ? { data: flags.data } : {}),
            ...(flags.out != null ? { out: flags.out } : {}),
            ...(flags.compare != null ? { compare: flags.compare } : {}),
          },
          grading(),
          io,
        );
      },
    );

  evalCommand
    .command("list")
    .description("the runs in the results database")
    .option("--db <file>", "the results database (default: $DEEPTHINK_HOME/deepthink.db)")
    .option("--json", "as JSON")
    .action((flags: { db?: string; json?: boolean }) => {
      process.exitCode = listRuns(
        { dbPath: flags.db ?? defaultDatabasePath(io.env), json: flags.json === true },
        io,
      );
    });

  registerEvalGradeCommand(evalCommand, io);
}

async function runAction(flags: RunFlags, io: CliIo): Promise<number> {
  if ((flags.model == null) === (flags.endpoint == null)) {
    throw new DeepthinkError("invalid_argument", "Give either --model (the embedded engine) or --endpoint.", {
      hint: "deepthink eval run --benchmark aime24 --model r1-distill-qwen-1.5b, or --endpoint http://localhost:8000/v1 --model-name NAME",
    });
  }
  if (flags.endpoint != null && flags.modelName == null) {
    throw new DeepthinkError(
      "invalid_argument",
      "--endpoint needs --model-name (the model the endpoint serves).",
      {
        param: "model-name",
      },
    );
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await runEval(
      {
        benchmarks: flags.benchmark ?? [],
        ...(flags.data != null ? { data: flags.data } : {}),
        ...(flags.lcbWindow != null ? { window: flags.lcbWindow } : {}),
        ...(flags.samples != null ? { samples: flags.samples } : {}),
        ...(flags.limit != null ? { limit: flags.limit } : {}),
        seed: flags.seed ?? null,
        temperature: flags.temperature,
        topP: flags.topP,
        maxTokens: flags.maxTokens,
        promptStyle: flags.promptStyle,
        shuffleSeed: flags.shuffleSeed,
        ...(flags.extraBody != null ? { extraBody: flags.extraBody } : {}),
        ...(flags.concurrency != null ? { concurrency: flags.concurrency } : {}),
        retries: flags.retries,
        dbPath: flags.db ?? defaultDatabasePath(io.env),
        ...(flags.out != null ? { out: flags.out } : {}),
        ...(flags.compare != null ? { compare: flags.compare } : {}),
        signal: controller.signal,
      },
      () =>
        flags.endpoint != null
          ? Promise.resolve(openEndpoint(flags, io))
          : openEmbedded(flags.model!, flags, io),
      grading(),
      io,
    );
  } finally {
    process.off("SIGINT", onSigint);
  }
}

function openEndpoint(flags: RunFlags, io: CliIo): ModelSource {
  const apiKey = flags.apiKey ?? io.env["OPENAI_API_KEY"];
  return {
    identity: { kind: "endpoint", name: flags.modelName! },
    label: flags.modelName!,
    endpoint: flags.endpoint!,
    generator: endpointGenerator({
      baseUrl: flags.endpoint!,
      model: flags.modelName!,
      fetch: io.fetch,
      ...(apiKey != null && apiKey !== "" ? { apiKey } : {}),
      ...(flags.extraBody != null ? { extraBody: flags.extraBody } : {}),
    }),
    defaultConcurrency: ENDPOINT_CONCURRENCY,
  };
}

async function openEmbedded(ref: string, flags: RunFlags, io: CliIo): Promise<ModelSource> {
  const engine = await openEngine(ref, engineOptionsFrom(flags), io);
  try {
    // Identity is the file (its name carries the quantisation) and its size, found now that it is local.
    const resolved = await resolveModel(ref, { download: false, home: loadModelsHome(io.env), env: io.env });
    let bytes = 0;
    for (const file of resolved.files) bytes += (await stat(file)).size;
    const file = basename(resolved.path);
    return {
      identity: { kind: "llama.cpp", file, bytes },
      label: file.replace(/\.gguf$/i, ""),
      generator: engineGenerator(engine),
      defaultConcurrency: engine.info().parallel,
    };
  } catch (error) {
    await engine.close();
    throw error;
  }
}

function grading(): Grading {
  return { grade: gradeSample, graderVersion: GRADER_VERSION, close: closeGraders };
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  ];
}

function parseWindow(value: string): { from: string; to: string } {
  const window = parseDateWindow(value);
  if (window == null)
    throw new InvalidArgumentError("expected FROM..TO as YYYY-MM-DD..YYYY-MM-DD, FROM not after TO.");
  return window;
}

function parseJsonObject(value: string): Record<string, unknown> {
  const json = parseJson(value);
  const parsed = json.ok ? json.value : undefined;
  if (parsed == null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new InvalidArgumentError("expected a JSON object, e.g. '{\"top_k\": 20}'.");
  }
  return parsed as Record<string, unknown>;
}
