import { splitTopLevel, wrapsWhole } from "./latex-groups.js";

/**
 * The shape of a normalised answer, read from the string before any CAS sees it: compute-engine reads
 * `[0,1]` as a list and `2, -3` as an ordered tuple, so intervals, sets, solution lists and matrices are
 * recognised here and only their elements go to the CAS.
 */
export type AnswerNode =
  | { kind: "scalar"; text: string }
  /** `(1,2)`, `[0,1)`: ordered, and the brackets count (an open end is not a closed one). */
  | { kind: "tuple"; open: string; close: string; items: AnswerNode[] }
  /** `\{1,2\}`: unordered. */
  | { kind: "set"; items: AnswerNode[] }
  /** `2, -3`: a bare comma list, as a list of solutions: unordered. */
  | { kind: "list"; items: AnswerNode[] }
  /** `(-\infty,0)\cup(1,\infty)`: unordered. */
  | { kind: "union"; items: AnswerNode[] }
  | { kind: "matrix"; rows: AnswerNode[][] };

export function parseAnswer(answer: string): AnswerNode {
  const text = answer.trim();
  if (text === "\\emptyset") return { kind: "set", items: [] };
  const union = splitTopLevel(text, "\\cup");
  if (union.length > 1) return { kind: "union", items: union.map(parseAnswer) };
  const list = splitTopLevel(text, ",");
  if (list.length > 1) return { kind: "list", items: list.map(parseAnswer) };
  const matrix = /^\\begin\{pmatrix\}(.*)\\end\{pmatrix\}$/s.exec(text);
  if (matrix != null) {
    const rows = splitTopLevel(matrix[1] ?? "", "\\\\").filter((row) => row.trim() !== "");
    return { kind: "matrix", rows: rows.map((row) => splitTopLevel(row, "&").map(parseAnswer)) };
  }
  if (text.startsWith("\\{") && text.endsWith("\\}") && wrapsWhole(text.slice(1))) {
    const inner = text.slice(2, -2);
    return { kind: "set", items: inner.trim() === "" ? [] : splitTopLevel(inner, ",").map(parseAnswer) };
  }
  const open = text[0] ?? "";
  const close = text[text.length - 1] ?? "";
  if ("([".includes(open) && ")]".includes(close) && text.length > 1 && wrapsWhole(text)) {
    const items = splitTopLevel(text.slice(1, -1), ",");
    if (items.length > 1) return { kind: "tuple", open, close, items: items.map(parseAnswer) };
  }
  // `1 \pm \sqrt{2}` is the two solutions it abbreviates.
  const pm = text.split(/\\(?:pm|mp)(?![a-zA-Z])/);
  if (pm.length === 2) {
    const [before, after] = [pm[0] ?? "", pm[1] ?? ""];
    return { kind: "list", items: [`${before}+${after}`, `${before}-${after}`].map(parseAnswer) };
  }
  return { kind: "scalar", text };
}

/** How an answer reads in a `detail`: its kind and size. */
export function describeNode(node: AnswerNode): string {
  if (node.kind === "scalar") return "scalar";
  if (node.kind === "matrix") return `matrix ${node.rows.length}x${node.rows[0]?.length ?? 0}`;
  return `${node.kind} of ${node.items.length}`;
}
