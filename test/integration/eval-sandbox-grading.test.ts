/**
 * LiveCodeBench grading semantics, end to end: real responses in, real sandboxed Python processes,
 * verdicts out. Expected values follow lcb_runner/evaluation/testing_util.py.
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { isDeepthinkError } from "../../src/errors.js";
import { type CodeTest, gradeCode } from "../../src/eval/graders/code-grader.js";

const FENCE = "```";
const respond = (code: string, lang = "python") =>
  `<think>\nLet me think.\n${FENCE}python\nprint("draft")\n${FENCE}\n</think>\n\nHere it is:\n${FENCE}${lang}\n${code}\n${FENCE}\n`;
const stdin = (pairs: Array<[string, string]>): CodeTest[] =>
  pairs.map(([input, output]) => ({ input, output, testtype: "stdin" }));
const functional = (pairs: Array<[string, string]>): CodeTest[] =>
  pairs.map(([input, output]) => ({ input, output, testtype: "functional" }));
const SUM = stdin([
  ["1 2\n", "3\n"],
  ["5 7\n", "12\n"],
  ["10 20\n", "30\n"],
]);

describe("code grading (LiveCodeBench semantics)", () => {
  test("a correct stdin program passes every test", async () => {
    const result = await gradeCode({
      response: respond("a, b = map(int, input().split())\nprint(a + b)"),
      tests: SUM,
    });
    assert.equal(result.correct, true, result.detail);
    assert.equal(result.extracted, "a, b = map(int, input().split())\nprint(a + b)");
    assert.deepEqual(
      result.tests.map((t) => t.verdict),
      ["pass", "pass", "pass"],
    );
    assert.equal(result.isolation, "bwrap");
  });

  test("a wrong answer is reported on its test, and later tests are not run", async () => {
    const code = "a, b = map(int, input().split())\nprint(a + b if a < 5 else 0)";
    const result = await gradeCode({ response: respond(code), tests: SUM });
    assert.equal(result.correct, false);
    assert.deepEqual(
      result.tests.map((t) => t.verdict),
      ["pass", "wrong", "not-run"],
    );
    assert.match(result.tests[1]?.detail ?? "", /0 != 12/);
    assert.match(result.detail ?? "", /wrong on test 2 of 3/);
  });

  test("the import prelude, __main__ unwrapping and sys.stdin work as in LiveCodeBench", async () => {
    // No imports at all (the prelude has sys), a main guard, and `from sys import stdin` (a hoisted import).
    const code = [
      "from sys import stdin",
      "def main():",
      "    a, b = map(int, stdin.readline().split())",
      "    print(sum(map(int, [a, b])), file=sys.stdout)",
      'if __name__ == "__main__":',
      "    main()",
    ].join("\n");
    const result = await gradeCode({ response: respond(code), tests: SUM });
    assert.equal(result.correct, true, result.detail);
  });

  test("output lines compare as exact decimals: 1.0 equals 1, a shorter fraction does not", async () => {
    const grade = (printed: string, expected: string) =>
      gradeCode({ response: respond(`print(${JSON.stringify(printed)})`), tests: stdin([["", expected]]) });
    assert.equal((await grade("1.0", "1\n")).correct, true);
    assert.equal((await grade("1e2  2.50", "100 2.5")).correct, true);
    assert.equal((await grade("0.3333333", "0.33333333")).correct, false);
    assert.equal((await grade("1 2", "1\n2")).correct, false); // line counts must match
    assert.equal((await grade("yes ", "Yes")).correct, false); // strings compare exactly after strip
  });

  test("a LeetCode-style Solution method is called with JSON arguments; tuples count as lists", async () => {
    const code = [
      "class Solution:",
      "    def twoSum(self, nums: List[int], target: int) -> List[int]:",
      "        seen = {}",
      "        for i, x in enumerate(nums):",
      "            if target - x in seen:",
      "                return (seen[target - x], i)",
      "            seen[x] = i",
    ].join("\n");
    const tests = functional([
      ["[2,7,11,15]\n9", "[0,1]"],
      ["[3,2,4]\n6", "[1,2]"],
    ]);
    const result = await gradeCode({ response: respond(code), tests, fnName: "twoSum" });
    assert.equal(result.correct, true, result.detail);

    const wrong = await gradeCode({
      response: respond(code.replace("seen[target - x], i", "i, seen[target - x]")),
      tests,
      fnName: "twoSum",
    });
    assert.deepEqual(
      wrong.tests.map((t) => t.verdict),
      ["wrong", "not-run"],
    );
    assert.match(wrong.tests[0]?.detail ?? "", /got \[1, 0\], expected \[0, 1\]/);
  });

  test("compile errors, missing methods and exceptions fail the first test that meets them", async () => {
    const broken = await gradeCode({ response: respond("print(1"), tests: SUM });
    assert.deepEqual(
      broken.tests.map((t) => t.verdict),
      ["compile-error", "not-run", "not-run"],
    );
    const missing = await gradeCode({
      response: respond("class Solution:\n    def other(self, x):\n        return x"),
      tests: functional([["1", "1"]]),
      fnName: "wanted",
    });
    assert.equal(missing.tests[0]?.verdict, "compile-error");
    const raises = await gradeCode({
      response: respond("print(1 // int(input()))"),
      tests: stdin([
        ["1", "1"],
        ["0", "0"],
      ]),
    });
    assert.deepEqual(
      raises.tests.map((t) => t.verdict),
      ["pass", "runtime-error"],
    );
    assert.match(raises.tests[1]?.detail ?? "", /ZeroDivisionError/);
  });

  test("no code block in the answer (code only in the reasoning) is incorrect with nothing extracted", async () => {
    const response = `<think>\n${FENCE}python\nprint(3)\n${FENCE}\n</think>\nThe answer is 3.`;
    const result = await gradeCode({ response, tests: SUM });
    assert.equal(result.correct, false);
    assert.equal(result.extracted, null);
    assert.deepEqual(
      result.tests.map((t) => t.verdict),
      ["not-run", "not-run", "not-run"],
    );
    assert.equal(result.isolation, null);
  });

  test("malformed problems are rejected, not scored", async () => {
    const reject = async (promise: Promise<unknown>, param: string) =>
      assert.rejects(
        promise,
        (error) => isDeepthinkError(error) && error.code === "invalid_argument" && error.param === param,
      );
    await reject(gradeCode({ response: respond("print(1)"), tests: [] }), "tests");
    await reject(
      gradeCode({ response: respond("print(1)"), tests: [...SUM, ...functional([["1", "1"]])] }),
      "tests[3].testtype",
    );
    await reject(gradeCode({ response: respond("print(1)"), tests: functional([["1", "1"]]) }), "fnName");
    const code = "class Solution:\n    def f(self, x):\n        return x";
    await reject(
      gradeCode({ response: respond(code), tests: functional([["{oops", "1"]]), fnName: "f" }),
      "tests",
    );
  });
});
