import assert from "node:assert/strict";
import { test } from "node:test";
import { StopMatcher } from "../../src/protocol/stop-matcher.js";

function run(stops: string[], chunks: string[]): { text: string; stopped: boolean } {
  const m = new StopMatcher(stops);
  let text = "";
  for (const c of chunks) {
    const r = m.push(c);
    text += r.text;
    if (r.stopped) return { text, stopped: true };
  }
  return { text: text + m.flush(), stopped: false };
}

const cases: Array<{ name: string; stops: string[]; input: string; text: string; stopped: boolean }> = [
  { name: "no stops passes through", stops: [], input: "hello world", text: "hello world", stopped: false },
  { name: "stop in the middle", stops: ["END"], input: "abcENDdef", text: "abc", stopped: true },
  { name: "earliest of several stops wins", stops: ["yy", "x"], input: "aaxbyy", text: "aa", stopped: true },
  {
    name: "a partial stop at the end is released on flush",
    stops: ["END"],
    input: "abcEN",
    text: "abcEN",
    stopped: false,
  },
  { name: "stop at the very start", stops: ["\n\n"], input: "\n\nrest", text: "", stopped: true },
  { name: "overlapping prefix", stops: ["aab"], input: "aaab", text: "a", stopped: true },
  { name: "unicode stop", stops: ["。"], input: "你好。再见", text: "你好", stopped: true },
];

for (const c of cases) {
  test(`stop matcher: ${c.name}`, () => {
    for (const size of [1, 2, 3, c.input.length]) {
      const chunks: string[] = [];
      for (let i = 0; i < c.input.length; i += size) chunks.push(c.input.slice(i, i + size));
      assert.deepEqual(run(c.stops, chunks), { text: c.text, stopped: c.stopped }, `chunk size ${size}`);
    }
  });
}

test("stop matcher emits text as soon as it cannot start a stop", () => {
  const m = new StopMatcher(["STOP"]);
  assert.deepEqual(m.push("abc"), { text: "abc", stopped: false });
  assert.deepEqual(m.push("xS"), { text: "x", stopped: false });
  assert.deepEqual(m.push("Tx"), { text: "STx", stopped: false });
});
