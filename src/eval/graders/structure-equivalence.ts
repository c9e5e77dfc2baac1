import type { AnswerNode } from "./answer-structure.js";
import { describeNode } from "./answer-structure.js";
import { differ, same, type Verdict } from "./equivalence-verdict.js";

export type ScalarComparer = (gold: string, pred: string) => Verdict;

/**
 * Compare two answer shapes, handing scalars to `scalar`. Tuples and intervals are ordered and their
 * brackets must match (`[0,1)` ≠ `[0,1]`, `(1,2)` ≠ `(2,1)`); sets, unions and bare comma lists are
 * unordered (a comma list in a MATH key is a list of solutions); a set and a comma list with the same
 * elements are equal (Qwen strips the braces); matrices compare element-wise.
 */
export function nodesEquivalent(gold: AnswerNode, pred: AnswerNode, scalar: ScalarComparer): Verdict {
  if (gold.kind === "scalar" && pred.kind === "scalar") return scalar(gold.text, pred.text);
  if (gold.kind === "tuple" && pred.kind === "tuple") {
    if (gold.open !== pred.open || gold.close !== pred.close) return differ("interval: different ends");
    return inOrder(gold.items, pred.items, scalar, "tuple");
  }
  if (gold.kind === "matrix" && pred.kind === "matrix") {
    if (gold.rows.length !== pred.rows.length) return differ("matrix: different shapes");
    const cells = (rows: AnswerNode[][]) => rows.flat();
    if (gold.rows.some((row, i) => row.length !== pred.rows[i]?.length)) {
      return differ("matrix: different shapes");
    }
    return inOrder(cells(gold.rows), cells(pred.rows), scalar, "matrix");
  }
  const goldItems = unorderedItems(gold);
  const predItems = unorderedItems(pred);
  if (goldItems != null && predItems != null && (gold.kind === "union") === (pred.kind === "union")) {
    return anyOrder(goldItems, predItems, scalar);
  }
  // `\{5\}` answered `5`: one element either way.
  if (gold.kind === "set" && gold.items.length === 1 && pred.kind === "scalar") {
    return nodesEquivalent(gold.items[0] as AnswerNode, pred, scalar);
  }
  return differ(`shape: gold is ${describeNode(gold)}, answer is ${describeNode(pred)}`);
}

function inOrder(gold: AnswerNode[], pred: AnswerNode[], scalar: ScalarComparer, what: string): Verdict {
  if (gold.length !== pred.length) return differ(`${what}: ${gold.length} vs ${pred.length} elements`);
  for (let i = 0; i < gold.length; i++) {
    const verdict = nodesEquivalent(gold[i] as AnswerNode, pred[i] as AnswerNode, scalar);
    if (!verdict.equal) return differ(`${what}: element ${i + 1} differs (${verdict.detail})`);
  }
  return same(`${what}: all ${gold.length} elements equal`);
}

/** Multiset equality: every gold element matched by its own answer element (equivalence is transitive, so greedy is enough). */
function anyOrder(gold: AnswerNode[], pred: AnswerNode[], scalar: ScalarComparer): Verdict {
  if (gold.length !== pred.length) return differ(`unordered: ${gold.length} vs ${pred.length} elements`);
  const unused = new Set(pred.map((_, i) => i));
  for (const [i, g] of gold.entries()) {
    const match = [...unused].find((j) => nodesEquivalent(g, pred[j] as AnswerNode, scalar).equal);
    if (match == null) return differ(`unordered: gold element ${i + 1} has no match`);
    unused.delete(match);
  }
  return same(`unordered: all ${gold.length} elements matched`);
}

function unorderedItems(node: AnswerNode): AnswerNode[] | null {
  return node.kind === "set" || node.kind === "list" || node.kind === "union" ? node.items : null;
}
