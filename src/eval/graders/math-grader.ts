import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { answerText } from "./answer-text.js";
import type { Verdict } from "./equivalence-verdict.js";
import type { GradeResult } from "./grade-result.js";
import { integerAnswer } from "./integer-answer.js";
import { extractMathAnswer } from "./math-extraction.js";
import { normalizeMathAnswer } from "./math-normalize.js";
import { literalsVerdict, percentVerdict, rationalLiteral } from "./rational-literal.js";
import { WorkerPool } from "./worker-pool.js";

export interface MathGradeInput {
  /** The reference answer, LaTeX as in the dataset (`\frac{3}{4}`, `(-\infty, 2]`, `033`). */
  gold: string;
  /** The model's whole response; reasoning is stripped here. */
  response: string;
  /** `integer`: AIME — the answer must be an integer literal equal to the gold integer. Default `math`. */
  mode?: "math" | "integer";
  /** The response began inside a prefilled think block: no `</think>` means no answer. Default false. */
  startInReasoning?: boolean;
}

export interface MathGradeOptions {
  /** Hard limit for one CAS comparison, as Math-Verify's `timeout_seconds` (5 s). */
  timeoutMs?: number;
}

export const DEFAULT_MATH_TIMEOUT_MS = 5_000;

let pool: WorkerPool | null = null;

/**
 * Grade a math response against its gold answer: strip the reasoning, extract the final answer (last
 * `\boxed{}`, then answer phrases, the last math span, the last number), normalise both, and compare —
 * as strings, as plain numbers, then on compute-engine in a worker with a hard timeout. Never rejects.
 * See docs/eval-graders.md.
 */
export async function gradeMath(input: MathGradeInput, options: MathGradeOptions = {}): Promise<GradeResult> {
  const text = answerText(input.response, { startInReasoning: input.startInReasoning });
  if (text == null)
    return { correct: false, extracted: null, detail: "no answer: the think block never closed" };
  const extracted = extractMathAnswer(text);
  if (extracted == null) return { correct: false, extracted: null, detail: "no answer found" };
  const verdict =
    input.mode === "integer"
      ? integerVerdict(input.gold, extracted)
      : await mathVerdict(input.gold, extracted, options);
  return { correct: verdict.equal, extracted, detail: verdict.detail };
}

/** Stop the comparison workers (they never hold the process open, but tests and CLIs like a clean exit). */
export async function closeGraders(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.close();
}

function integerVerdict(gold: string, extracted: string): Verdict {
  const want = integerAnswer(gold);
  if (want == null) return { equal: false, detail: `error: gold ${JSON.stringify(gold)} is not an integer` };
  const got = integerAnswer(extracted);
  if (got == null) return { equal: false, detail: "integer: the answer is not an integer" };
  return got === want
    ? { equal: true, detail: "integer: equal" }
    : { equal: false, detail: "integer: different" };
}

async function mathVerdict(gold: string, extracted: string, options: MathGradeOptions): Promise<Verdict> {
  const g = normalizeMathAnswer(gold);
  const p = normalizeMathAnswer(extracted);
  if (p === "") return { equal: false, detail: "no answer: empty after normalisation" };
  const verdict = await compareNormalised(g, p, options);
  if (verdict.equal) return verdict;
  return percentVerdict({ raw: gold, norm: g }, { raw: extracted, norm: p }) ?? verdict;
}

async function compareNormalised(g: string, p: string, options: MathGradeOptions): Promise<Verdict> {
  if (g === p) return { equal: true, detail: "string: equal after normalisation" };
  // Plain numbers need no CAS and no worker round trip: most MATH and AIME answers stop here.
  const goldNumber = rationalLiteral(g);
  const predNumber = rationalLiteral(p);
  if (goldNumber != null && predNumber != null) return literalsVerdict(g, goldNumber, predNumber);
  pool ??= new WorkerPool(spawnMathWorker, Math.min(4, Math.max(1, availableParallelism() - 1)));
  return pool.compare(g, p, options.timeoutMs ?? DEFAULT_MATH_TIMEOUT_MS);
}

/**
 * Built code runs `math-worker.js` directly. From TypeScript sources (tests, `tsx`), a worker does not
 * inherit the parent's `--import tsx` hooks on Node 20, so the worker registers tsx itself first —
 * after loading compute-engine, whose large bundle loads faster without the hooks in the way.
 */
function spawnMathWorker(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: 1024 } };
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./math-worker.js", import.meta.url), options);
  const [engine, tsx] = [
    import.meta.resolve("@cortex-js/compute-engine"),
    import.meta.resolve("tsx/esm/api"),
  ];
  const entry = new URL("./math-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(engine)}).then(() => import(${JSON.stringify(tsx)}))
    .then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}
