import type { ComputeEngine } from "@cortex-js/compute-engine";
import { parseAnswer } from "./answer-structure.js";
import type { Verdict } from "./equivalence-verdict.js";
import { scalarsEquivalent } from "./scalar-equivalence.js";
import { nodesEquivalent } from "./structure-equivalence.js";

/**
 * Whether two normalised answers are equal: shapes first (intervals, tuples, sets, solution lists,
 * matrices), then each scalar pair on the CAS. Pure but possibly slow (symbolic simplification has no
 * time bound), which is why it runs in a worker with a hard timeout — see `math-worker.ts`.
 */
export function mathEquivalent(ce: ComputeEngine, gold: string, pred: string): Verdict {
  return nodesEquivalent(parseAnswer(gold), parseAnswer(pred), (g, p) => scalarsEquivalent(ce, g, p));
}
