/**
 * The acceptance test of `deepthink eval run`, with real processes all the way: a scripted GGUF whose
 * answer is always \boxed{4}, a JSONL dataset of 4 problems of which 2 have the answer 4, 3 samples each,
 * so pass@1 must be exactly 0.5. First on the embedded engine; then against `deepthink serve` over HTTP,
 * killing the eval run midway (SIGKILL, after some samples are stored) and running it again: the server
 * must see exactly the missing samples requested, none twice.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { before, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { scriptedModelPath } from "../helpers/test-models.js";

const ENTRY = fileURLToPath(new URL("./eval-run-entry.ts", import.meta.url));
const MAIN = fileURLToPath(new URL("../../src/cli/main.ts", import.meta.url));

let dir: string;
let dataset: string;

before(async () => {
  dir = await mkdtemp(join(tmpdir(), "deepthink-eval-e2e-"));
  dataset = join(dir, "four.jsonl");
  await writeFile(
    dataset,
    [
      { id: "two-plus-two", question: "What is 2+2?", answer: "4", type: "integer" },
      { id: "three-plus-one", question: "What is 3+1?", answer: "4" },
      { id: "two-plus-three", question: "What is 2+3?", answer: "5" },
      { id: "three-plus-three", question: "What is 3+3?", answer: "6", type: "integer" },
    ]
      .map((row) => JSON.stringify(row))
      .join("\n"),
  );
});

function evalCli(
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ["--import", "tsx", ENTRY, "eval", ...args], {
    env: { ...process.env, NODE_LLAMA_CPP_LOG_LEVEL: "error", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr?.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done };
}

function storedSamples(db: string): { count: number; maxId: number; duplicates: number } {
  if (!existsSync(db)) return { count: 0, maxId: 0, duplicates: 0 };
  const conn = new Database(db, { readonly: true });
  try {
    const row = conn
      .prepare("SELECT count(*) AS count, coalesce(max(id), 0) AS maxId FROM eval_samples")
      .get() as {
      count: number;
      maxId: number;
    };
    const dup = conn
      .prepare(
        "SELECT count(*) AS n FROM (SELECT 1 FROM eval_samples GROUP BY run_hash, problem_id, sample_index HAVING count(*) > 1)",
      )
      .get() as { n: number };
    return { ...row, duplicates: dup.n };
  } catch {
    return { count: 0, maxId: 0, duplicates: 0 }; // the schema is being created
  } finally {
    conn.close();
  }
}

async function until<T>(check: () => T | undefined, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}

describe("deepthink eval run, end to end", () => {
  test("embedded engine: pass@1 = 0.5 in summary.json; a second run generates nothing", async () => {
    const model = await scriptedModelPath({ reply: "<think>\nsum</think>\\boxed{4}" });
    const db = join(dir, "embedded.db");
    const out = join(dir, "embedded-out");
    const args = [
      "run",
      "--benchmark",
      dataset,
      "--samples",
      "3",
      "--model",
      model,
      "--threads",
      "1",
      "--ctx",
      "1024",
    ];
    const env = { DEEPTHINK_HOME: join(dir, "home") };
    const first = await evalCli([...args, "--db", db, "--out", out], env).done;
    assert.equal(first.code, 0, first.stderr);
    const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
    const bench = summary.benchmarks[0];
    assert.equal(bench["pass@1"], 0.5);
    assert.equal(bench.problems, 4);
    assert.equal(bench.samplesPerProblem, 3);
    assert.equal(bench.samples, 12);
    assert.equal(bench.complete, true);
    assert.equal(bench.truncationRate, 0);
    assert.equal(bench["cons@k"].value, 0.5);
    assert.equal(bench.config.sampling.temperature, 0.6);
    assert.equal(bench.config.maxTokens, 32768);
    assert.match(bench.dataset.sha256, /^[0-9a-f]{64}$/);
    assert.match(
      await readFile(join(out, "results.md"), "utf8"),
      /\| \*\*scripted-[0-9a-f]+\*\* \(deepthink\) \| 50\.0 ± 28\.9 \|/,
    );
    assert.match(first.stdout, /four: pass@1 50\.0% ± 28\.9, k=3, 4 problems, 12\/12 samples/);
    assert.deepEqual(storedSamples(db), { count: 12, maxId: 12, duplicates: 0 });

    const second = await evalCli([...args, "--db", db], env).done;
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stderr, /12 samples already stored/);
    assert.equal(storedSamples(db).maxId, 12, "no sample was generated (or stored) again");

    const list = await evalCli(["list", "--db", db, "--json"], env).done;
    const runs = JSON.parse(list.stdout) as Array<{ hash: string; benchmark: string; stored: number }>;
    assert.deepEqual(
      runs.map((r) => [r.benchmark, r.stored, r.hash]),
      [["four", 12, bench.runHash]],
    );
    // Re-grading: new verdicts appended, the same numbers, no generation.
    const scored = await evalCli(
      ["score", bench.runHash.slice(0, 8), "--db", db, "--out", join(dir, "scored")],
      env,
    ).done;
    assert.equal(scored.code, 0, scored.stderr);
    assert.match(scored.stderr, /re-graded 12 samples/);
    const rescored = JSON.parse(await readFile(join(dir, "scored", "summary.json"), "utf8"));
    assert.equal(rescored.benchmarks[0]["pass@1"], 0.5);
    assert.equal(storedSamples(db).maxId, 12);
  });

  test("over HTTP against deepthink serve: killed midway and rerun, every sample is requested exactly once", async () => {
    // A long think block makes each sample take a moment, so the run can be killed in the middle.
    const model = await scriptedModelPath({ reply: `<think>\n${"sum ".repeat(120)}</think>\\boxed{4}` });
    const serve = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        MAIN,
        "serve",
        "--model",
        model,
        "--port",
        "0",
        "--threads",
        "1",
        "--ctx",
        "1024",
        "--parallel",
        "1",
      ],
      {
        env: { ...process.env, NODE_LLAMA_CPP_LOG_LEVEL: "error", DEEPTHINK_HOME: join(dir, "home") },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const logs: Array<{ msg: string; url?: string; path?: string; status?: number }> = [];
    let pending = "";
    serve.stdout?.setEncoding("utf8").on("data", (d: string) => {
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("{")) logs.push(JSON.parse(line));
    });
    try {
      const url = await until(() => logs.find((l) => l.url != null)?.url, "the server to listen");
      await until(() => (logs.some((l) => /is ready/.test(l.msg)) ? true : undefined), "the model to load");
      const requests = () =>
        logs.filter((l) => l.msg === "request" && l.path === "/v1/chat/completions").length;
      const db = join(dir, "http.db");
      const out = join(dir, "http-out");
      const args = [
        "run",
        "--benchmark",
        dataset,
        "--samples",
        "3",
        "--endpoint",
        `${url}/v1`,
        "--model-name",
        basename(model, ".gguf"),
        "--concurrency",
        "1",
        "--db",
        db,
      ];

      const killed = evalCli(args, {});
      await until(() => (storedSamples(db).count >= 3 ? true : undefined), "three samples to be stored");
      killed.child.kill("SIGKILL");
      const gone = await killed.done;
      assert.equal(gone.code, null, "killed, not finished");
      const afterKill = storedSamples(db).count;
      assert.ok(afterKill >= 3 && afterKill < 12, `killed midway (${afterKill} stored)`);
      // The request in flight when the run died ends on the server too; let its log line arrive.
      let seen = -1;
      await until(() => {
        const now = requests();
        if (now === seen) return true;
        seen = now;
        return undefined;
      }, "the server's log to settle");
      await new Promise((resolve) => setTimeout(resolve, 300));
      const requestsBefore = requests();

      const rerun = await evalCli([...args, "--out", out], {}).done;
      assert.equal(rerun.code, 0, rerun.stderr);
      assert.match(rerun.stderr, new RegExp(`${afterKill} samples already stored`));
      await until(
        () => (requests() - requestsBefore >= 12 - afterKill ? true : undefined),
        "the rerun's log lines",
      );
      assert.equal(
        requests() - requestsBefore,
        12 - afterKill,
        "the rerun requested only the missing samples",
      );
      assert.deepEqual(storedSamples(db), { count: 12, maxId: 12, duplicates: 0 });
      const summary = JSON.parse(await readFile(join(out, "summary.json"), "utf8"));
      assert.equal(summary.benchmarks[0]["pass@1"], 0.5);
      assert.equal(summary.benchmarks[0].samples, 12);
      assert.equal(summary.benchmarks[0].config.model.kind, "endpoint");
    } finally {
      serve.kill("SIGTERM");
      await new Promise((resolve) => serve.once("close", resolve));
    }
  });
});
