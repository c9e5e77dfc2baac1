/**
 * `deepthink eval grade`: grade one answer (`--gold`, `--response`) or a JSONL batch (`--input`), and
 * print JSON — one object, or one line per input line in input order. A bad batch line gets an error
 * line of its own (with its line number) and the batch goes on; the exit code is then 1.
 */
import { constants, createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { type Command, Option } from "commander";
import { DeepthinkError, toDeepthinkError } from "../errors.js";
import {
  type AnswerGradeType,
  type GradeRequest,
  gradeRequest,
  parseGradeLine,
} from "../eval/graders/grade-request.js";
import type { GradeResult } from "../eval/graders/grade-result.js";
import { DEFAULT_MATH_TIMEOUT_MS } from "../eval/graders/math-grader.js";
import { type CliIo, parseIntOption, readAll } from "./cli-io.js";

export type EvalGradeIo = Pick<CliIo, "stdout" | "stderr" | "stdin" | "env"> & {
  /** Defaults to setting `process.exitCode`. */
  setExitCode?: (code: number) => void;
};

interface GradeFlags {
  type: AnswerGradeType;
  gold?: string;
  response?: string;
  input?: string;
  pick: "last" | "first";
  startInReasoning?: boolean;
  timeoutMs: number;
}

/** Lines graded at once in a batch: enough to keep the worker pool busy, few enough to bound memory. */
const BATCH_WINDOW = 16;

export function registerEvalGradeCommand(program: Command, io: EvalGradeIo): void {
  program
    .command("grade")
    .description("grade a model's answer against a gold answer (math, integer, choice) and print JSON")
    .addOption(
      new Option("--type <type>", "math | integer | choice")
        .choices(["math", "integer", "choice"])
        .default("math"),
    )
    .option("--gold <answer>", "the gold answer: LaTeX, an integer, or the correct letter")
    .option("--response <text>", "the model's whole response ('-' reads it from stdin)")
    .option("--input <file>", "grade a JSONL file of {gold, response, type?} lines ('-' for stdin)")
    .addOption(
      new Option("--pick <which>", "choice: the last or first stated letter")
        .choices(["last", "first"])
        .default("last"),
    )
    .option("--start-in-reasoning", "responses began inside a prefilled <think>: no </think> means no answer")
    .option("--timeout-ms <n>", "limit for one math comparison", parseIntOption(1), DEFAULT_MATH_TIMEOUT_MS)
    // No closeGraders() here: idle workers never hold the process open, and an in-process caller may
    // still be grading with the same pool.
    .action(async (flags: GradeFlags) => {
      if (flags.input != null) return gradeBatch(flags, io);
      const result = await gradeRequest(await singleRequest(flags, io), flags);
      io.stdout.write(`${JSON.stringify(resultJson(result))}\n`);
    });
}

async function singleRequest(flags: GradeFlags, io: EvalGradeIo): Promise<GradeRequest> {
  if (flags.gold == null || flags.response == null) {
    throw new DeepthinkError(
      "invalid_argument",
      "give --gold and --response, or --input with a JSONL file.",
      {
        hint: 'deepthink eval grade --type math --gold "\\frac{1}{2}" --response "… \\boxed{0.5}"',
      },
    );
  }
  const response = flags.response === "-" ? await readAll(io.stdin) : flags.response;
  return {
    type: flags.type,
    gold: flags.gold,
    response,
    pick: flags.pick,
    startInReasoning: flags.startInReasoning,
  };
}

async function gradeBatch(flags: GradeFlags, io: EvalGradeIo): Promise<void> {
  const path = flags.input as string;
  if (path !== "-") {
    await access(path, constants.R_OK).catch((error: unknown) => {
      throw new DeepthinkError(
        "invalid_argument",
        `cannot read ${path}: ${toDeepthinkError(error).message}`,
        {
          param: "input",
        },
      );
    });
  }
  const source: Readable = path === "-" ? io.stdin : createReadStream(path);
  const pending: Promise<string>[] = [];
  let failures = 0;
  let lineNumber = 0;
  for await (const text of createInterface({ input: source, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber++;
    if (text.trim() === "") continue; // blank lines (a trailing newline) are not records
    const line = lineNumber;
    pending.push(
      gradeLine(text, flags).then(
        (result) => JSON.stringify({ line, ...result }),
        (error: unknown) => {
          failures++;
          const typed = toDeepthinkError(error);
          return JSON.stringify({ line, error: { code: typed.code, message: typed.message } });
        },
      ),
    );
    if (pending.length >= BATCH_WINDOW) io.stdout.write(`${await (pending.shift() as Promise<string>)}\n`);
  }
  for (const next of pending) io.stdout.write(`${await next}\n`);
  if (failures > 0) {
    io.stderr.write(`error: ${failures} of the input lines could not be graded (see their "error" lines).\n`);
    (io.setExitCode ?? ((code: number) => (process.exitCode = code)))(1);
  }
}

async function gradeLine(text: string, flags: GradeFlags): Promise<Record<string, unknown>> {
  const request = parseGradeLine(text, flags.type);
  const result = await gradeRequest(
    { pick: flags.pick, startInReasoning: flags.startInReasoning, ...request },
    flags,
  );
  return { ...(request.id != null ? { id: request.id } : {}), ...resultJson(result) };
}

function resultJson(result: GradeResult): Record<string, unknown> {
  return {
    correct: result.correct,
    extracted: result.extracted,
    ...(result.detail != null ? { detail: result.detail } : {}),
  };
}
