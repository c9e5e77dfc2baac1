import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseAnswer } from "../../src/eval/graders/answer-structure.js";
import { normalizeMathAnswer } from "../../src/eval/graders/math-normalize.js";

describe("normalizeMathAnswer (Hendrycks + Qwen strip_string rules)", () => {
  const cases: [string, string][] = [
    ["\\$18.90", "18.9"],
    ["90^\\circ", "90"],
    ["90^{\\circ}", "90"],
    ["5\\%", "5"],
    ["\\text{(C)}", "C"],
    ["x \\in [-2,7]", "[-2,7]"],
    ["\\dfrac34", "\\frac{3}{4}"],
    ["\\tfrac{1}{2}", "\\frac{1}{2}"],
    ["\\frac 1 2", "\\frac{1}{2}"],
    ["\\frac\\pi2", "\\frac{\\pi}{2}"],
    ["3/4", "\\frac{3}{4}"],
    ["\\sqrt3", "\\sqrt{3}"],
    ["4\\sqrt(2)", "4\\sqrt{2}"],
    ["1{,}000", "1000"],
    ["1,000,000", "1000000"],
    ["1,\\!000", "1000"],
    ["x = 5", "5"],
    ["k=5", "5"],
    ["x=1, y=2", "1,2"],
    ["y = 2x + 3", "y=2x+3"],
    ["12\\text{ inches}", "12"],
    ["5 cm^2", "5"],
    ["\\text{Monday}", "Monday"],
    ["\\text{five}", "5"],
    ["1 \\text{ and } 2", "1,2"],
    ["x = 1 \\text{ or } x = 2", "1,2"],
    ["\\left( 1, 2 \\right)", "(1,2)"],
    ["\\left\\{ 1 \\right\\}", "\\{1\\}"],
    ["(-\\infty, +\\infty)", "\\mathbb{R}"],
    ["\\text{infinity}", "\\infty"],
    ["\\varnothing", "\\emptyset"],
    [".5", "0.5"],
    ["2.50", "2.5"],
    ["3.0", "3"],
    ["{5}", "5"],
    ["6.", "6"],
    ["\\pi r^2", "\\pi r^2"],
    ["\\mathrm{e}^{2}", "e^{2}"],
    ["\\boxed{5}", "5"],
    ["\\begin{bmatrix}1 & 2\\\\ 3 & 4\\end{bmatrix}", "\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}"],
    ["\\displaystyle \\frac{1}{2}", "\\frac{1}{2}"],
    ["−7", "-7"],
  ];
  for (const [raw, want] of cases)
    test(JSON.stringify(raw), () => assert.equal(normalizeMathAnswer(raw), want));
});

describe("parseAnswer shapes", () => {
  test("an interval keeps its brackets", () => {
    assert.deepEqual(parseAnswer("[0,1)"), {
      kind: "tuple",
      open: "[",
      close: ")",
      items: [
        { kind: "scalar", text: "0" },
        { kind: "scalar", text: "1" },
      ],
    });
  });
  test("a set, a bare list, a union, a matrix", () => {
    assert.equal(parseAnswer("\\{1,2\\}").kind, "set");
    assert.equal(parseAnswer("2,-3").kind, "list");
    assert.equal(parseAnswer("(-\\infty,2)\\cup(3,\\infty)").kind, "union");
    const matrix = parseAnswer("\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}");
    assert.equal(matrix.kind === "matrix" ? matrix.rows.length : 0, 2);
  });
  test("\\pm is the list of its two solutions", () => {
    assert.deepEqual(parseAnswer("1\\pm\\sqrt{2}"), {
      kind: "list",
      items: [
        { kind: "scalar", text: "1+\\sqrt{2}" },
        { kind: "scalar", text: "1-\\sqrt{2}" },
      ],
    });
  });
  test("parentheses around one thing are not a tuple", () => {
    assert.equal(parseAnswer("(5)").kind, "scalar");
    assert.equal(parseAnswer("(a+b)(c+d)").kind, "scalar");
  });
});
