import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, describe, test } from "node:test";
import { closeGraders, gradeMath } from "../../src/eval/graders/math-grader.js";

after(closeGraders);

/** `(x+1)^n` written out term by term: exact BigInt binomial coefficients, hundreds of digits long. */
function expansion(n: number): string {
  const terms: string[] = [];
  let c = 1n;
  for (let k = 0; k <= n; k++) {
    terms.push(`${c}x^{${k}}`);
    c = (c * BigInt(n - k)) / BigInt(k + 1);
  }
  return terms.join("+");
}

describe("the comparison time limit", () => {
  test("a pathological comparison is stopped and graded incorrect, and the pool recovers", async () => {
    await gradeMath({ gold: "x^2", response: "\\boxed{x\\cdot x}" }); // worker start-up is not timed
    const timeoutMs = 300;
    const result = await gradeMath(
      { gold: "(x+1)^{2000}", response: `\\boxed{${expansion(2000)}}` },
      { timeoutMs },
    );
    assert.equal(result.correct, false);
    // "timeout" comes only from the limit's timer: the comparison itself runs for minutes (over 120 s
    // measured), so reaching this line at all shows it was stopped.
    assert.equal(result.detail, "timeout");
    const after = await gradeMath({ gold: "(x+1)^2", response: "\\boxed{x^2+2x+1}" });
    assert.equal(after.correct, true, after.detail);
  });

  test("a process that graded and never called closeGraders still exits", async () => {
    const url = new URL("../../src/eval/graders/math-grader.ts", import.meta.url).href;
    const script = `const { gradeMath } = await import(${JSON.stringify(url)});
      const r = await gradeMath({ gold: "\\\\frac{\\\\pi}{4}", response: "\\\\boxed{\\\\tan^{-1} 1}" });
      console.log(JSON.stringify(r));`;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
    clearTimeout(killer);
    assert.equal(code, 0);
    assert.equal(JSON.parse(stdout).correct, true);
  });
});

describe("closeGraders", () => {
  test("queued comparisons answer 'closed' when the graders are closed", async () => {
    const pending = gradeMath(
      { gold: "(x+1)^{2000}", response: `\\boxed{${expansion(2000)}}` },
      { timeoutMs: 60_000 },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await closeGraders();
    const result = await pending;
    assert.equal(result.correct, false);
    assert.equal(result.detail, "closed");
  });
});
