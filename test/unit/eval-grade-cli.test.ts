import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { Command } from "commander";
import { registerEvalGradeCommand } from "../../src/cli/eval-grade-command.js";
import { closeGraders } from "../../src/eval/graders/math-grader.js";

after(closeGraders);

interface Run {
  stdout: string;
  stderr: string;
  exitCode: number | undefined;
  error: unknown;
}

/** `deepthink eval grade …` in-process, mounted under an `eval` command as the lead mounts it. */
async function grade(args: string[], stdinText = ""): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
  stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
  let exitCode: number | undefined;
  const program = new Command("deepthink").exitOverride();
  const evalCommand = program.command("eval").exitOverride();
  registerEvalGradeCommand(evalCommand, {
    stdout,
    stderr,
    stdin: Readable.from([stdinText]),
    env: {},
    setExitCode: (code) => (exitCode = code),
  });
  for (const command of evalCommand.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => (out += s), writeErr: (s) => (err += s) });
  }
  let error: unknown;
  try {
    await program.parseAsync(["eval", "grade", ...args], { from: "user" });
  } catch (caught) {
    error = caught;
  }
  return { stdout: out, stderr: err, exitCode, error };
}

const lines = (text: string) =>
  text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));

describe("deepthink eval grade", () => {
  test("one math answer", async () => {
    const r = await grade([
      "--type",
      "math",
      "--gold",
      "\\frac{1}{2}",
      "--response",
      "<think>hm</think>\\boxed{0.5}",
    ]);
    assert.equal(r.error, undefined);
    assert.deepEqual(JSON.parse(r.stdout), {
      correct: true,
      extracted: "0.5",
      detail: "exact: equal numbers",
    });
  });

  test("math is the default type; a wrong answer is still exit 0", async () => {
    const r = await grade(["--gold", "2\\sqrt{3}", "--response", "\\boxed{3\\sqrt{2}}"]);
    assert.equal(JSON.parse(r.stdout).correct, false);
    assert.equal(r.exitCode, undefined);
  });

  test("integer and choice", async () => {
    const integer = await grade(["--type", "integer", "--gold", "33", "--response", "\\boxed{033}"]);
    assert.deepEqual(JSON.parse(integer.stdout), {
      correct: true,
      extracted: "033",
      detail: "integer: equal",
    });
    const choice = await grade(["--type", "choice", "--gold", "B", "--response", "Answer: A\n\nAnswer: B"]);
    assert.equal(JSON.parse(choice.stdout).extracted, "B");
    const first = await grade([
      "--type",
      "choice",
      "--gold",
      "B",
      "--pick",
      "first",
      "--response",
      "Answer: A\nAnswer: B",
    ]);
    assert.equal(JSON.parse(first.stdout).correct, false);
  });

  test("--response - reads the response from stdin", async () => {
    const r = await grade(["--gold", "7", "--response", "-"], "so \\boxed{7}\n");
    assert.equal(JSON.parse(r.stdout).correct, true);
  });

  test("a missing --gold is the caller's error", async () => {
    const r = await grade(["--response", "\\boxed{1}"]);
    assert.match(String((r.error as Error).message), /--gold and --response/);
  });

  test("a choice gold that is not a letter is the caller's error", async () => {
    const r = await grade(["--type", "choice", "--gold", "42", "--response", "Answer: A"]);
    assert.match(String((r.error as Error).message), /one letter A-J/);
  });

  test("an unknown --type is refused by the flag parser", async () => {
    const r = await grade(["--type", "essay", "--gold", "1", "--response", "1"]);
    assert.match(r.stderr, /essay/);
    assert.notEqual(r.error, undefined);
  });

  test("a batch: one line out per line in, in order; a bad line is an error for that line only", async () => {
    const dir = await mkdtemp(join(tmpdir(), "deepthink-grade-"));
    const file = join(dir, "pairs.jsonl");
    const input = [
      JSON.stringify({ gold: "(x+1)^2", response: "\\boxed{x^2+2x+1}" }),
      "{not json",
      JSON.stringify({ gold: "B", response: "Answer: B", type: "choice", id: "gpqa-1" }),
      "",
      JSON.stringify({ gold: "1" }),
      JSON.stringify({ gold: 33, response: "\\boxed{033}", type: "integer" }),
      JSON.stringify({ gold: "[0,1)", response: "\\boxed{[0,1]}", type: "math" }),
    ];
    await writeFile(file, `${input.join("\n")}\n`);
    const r = await grade(["--input", file]);
    assert.equal(r.error, undefined);
    const out = lines(r.stdout);
    assert.deepEqual(
      out.map((o) => [o.line, o.correct ?? o.error.code]),
      [
        [1, true],
        [2, "invalid_argument"],
        [3, true],
        [5, "invalid_argument"],
        [6, true],
        [7, false],
      ],
    );
    assert.match(out[1].error.message, /not valid JSON/);
    assert.match(out[3].error.message, /^response:/);
    assert.equal(out[2].id, "gpqa-1");
    assert.equal(r.exitCode, 1);
    assert.match(r.stderr, /2 of the input lines/);
  });

  test("a batch from stdin, with --type as the default type", async () => {
    const input = `${JSON.stringify({ gold: "C", response: "**Answer: C**" })}\n${JSON.stringify({ gold: "C", response: "x" })}\n`;
    const r = await grade(["--input", "-", "--type", "choice"], input);
    assert.deepEqual(
      lines(r.stdout).map((o) => o.correct),
      [true, false],
    );
    assert.equal(r.exitCode, undefined);
  });

  test("a batch file that cannot be read", async () => {
    const r = await grade(["--input", join(tmpdir(), "no-such-dir", "pairs.jsonl")]);
    assert.match(String((r.error as Error).message), /cannot read/);
  });
});
