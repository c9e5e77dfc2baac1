import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  createAnswerTrimmer,
  createReasoningSplitter,
  type ReasoningPart,
  ReasoningSplitter,
  splitReasoning,
} from "../../src/protocol/index.js";

interface SplitCase {
  name: string;
  startInReasoning: boolean;
  input: string;
  reasoning: string;
  content: string;
}

const P = true; // the prompt prefilled `<think>\n`
const M = false; // the model must open `<think>` itself

const splitCases: SplitCase[] = [
  {
    name: "prefilled think: everything before </think> is reasoning",
    startInReasoning: P,
    input: "\nOkay, 2+2.\n</think>\n\nThe answer is 4.",
    reasoning: "Okay, 2+2.",
    content: "The answer is 4.",
  },
  {
    name: "model opens <think> itself",
    startInReasoning: M,
    input: "<think>\nHmm.\n</think>\n\nHi!",
    reasoning: "Hmm.",
    content: "Hi!",
  },
  {
    name: "whitespace before the model's <think>",
    startInReasoning: M,
    input: "\n \n<think>\nR\n</think>\n\nA",
    reasoning: "R",
    content: "A",
  },
  {
    name: "no <think> from the model: all answer, </think> included",
    startInReasoning: M,
    input: "Hello </think> world",
    reasoning: "",
    content: "Hello </think> world",
  },
  {
    name: "a tag-like word is not <think>",
    startInReasoning: M,
    input: "<thinking>fun</thinking>",
    reasoning: "",
    content: "<thinking>fun</thinking>",
  },
  {
    name: "a cut-off <th at the end of an answer stays answer",
    startInReasoning: M,
    input: "  <th",
    reasoning: "",
    content: "<th",
  },
  {
    name: "</think> never comes: all reasoning",
    startInReasoning: P,
    input: "Let me think...\nstill thinking",
    reasoning: "Let me think...\nstill thinking",
    content: "",
  },
  {
    name: "model-opened block never closed",
    startInReasoning: M,
    input: "<think>\nabc def",
    reasoning: "abc def",
    content: "",
  },
  {
    name: "a partial </thi at the end is reasoning text",
    startInReasoning: P,
    input: "so the answer</thi",
    reasoning: "so the answer</thi",
    content: "",
  },
  {
    name: "a partial <thi at the very start is reasoning text",
    startInReasoning: P,
    input: "<thi",
    reasoning: "<thi",
    content: "",
  },
  {
    name: "empty prefilled block emits no reasoning",
    startInReasoning: P,
    input: "\n\n</think>\n\nAnswer.",
    reasoning: "",
    content: "Answer.",
  },
  {
    name: "empty model-opened block emits no reasoning",
    startInReasoning: M,
    input: "<think>\n\n</think>\n\nAnswer.",
    reasoning: "",
    content: "Answer.",
  },
  {
    name: "a re-emitted <think> after the prefill is swallowed",
    startInReasoning: P,
    input: "<think>\nReason\n</think>\n\nA",
    reasoning: "Reason",
    content: "A",
  },
  {
    name: "a re-emitted <think> after whitespace is swallowed",
    startInReasoning: P,
    input: "\n<think>\nR</think>A",
    reasoning: "R",
    content: "A",
  },
  {
    name: "a doubled model <think> is swallowed",
    startInReasoning: M,
    input: "<think><think>R</think>A",
    reasoning: "R",
    content: "A",
  },
  {
    name: "only the first </think> splits",
    startInReasoning: P,
    input: "R</think>A</think>B",
    reasoning: "R",
    content: "A</think>B",
  },
  {
    name: "<think> inside the reasoning is text",
    startInReasoning: P,
    input: "I wrote <think> here</think>A",
    reasoning: "I wrote <think> here",
    content: "A",
  },
  {
    name: "near-miss tags inside the reasoning are text",
    startInReasoning: P,
    input: "a < b, c </ d, </thinx</think>ok",
    reasoning: "a < b, c </ d, </thinx",
    content: "ok",
  },
  {
    name: "overlapping '<' before </think>",
    startInReasoning: P,
    input: "x<</think>y",
    reasoning: "x<",
    content: "y",
  },
  {
    name: "overlapping '</' before </think>",
    startInReasoning: P,
    input: "x</</think>y",
    reasoning: "x</",
    content: "y",
  },
  {
    name: "inner whitespace kept, reasoning's trailing and answer's leading whitespace trimmed",
    startInReasoning: P,
    input: "Step 1.\n\nStep 2.\n</think>\n\n  Line 1\n\nLine 2\n",
    reasoning: "Step 1.\n\nStep 2.",
    content: "Line 1\n\nLine 2\n",
  },
  {
    name: "trailing whitespace of truncated reasoning is dropped",
    startInReasoning: P,
    input: "abc \n\n",
    reasoning: "abc",
    content: "",
  },
  {
    name: "whitespace-only output emits nothing (prefilled)",
    startInReasoning: P,
    input: "\n\n \n",
    reasoning: "",
    content: "",
  },
  {
    name: "whitespace-only output emits nothing (model)",
    startInReasoning: M,
    input: "  \n ",
    reasoning: "",
    content: "",
  },
  {
    name: "a bare </think> emits nothing",
    startInReasoning: P,
    input: "</think>",
    reasoning: "",
    content: "",
  },
  { name: "empty output", startInReasoning: P, input: "", reasoning: "", content: "" },
  {
    name: "non-ASCII text",
    startInReasoning: P,
    input: "思考…\n</think>\n\n答案 😀 done",
    reasoning: "思考…",
    content: "答案 😀 done",
  },
];

/** mulberry32: a tiny seeded PRNG so random chunkings are reproducible. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Code points, as a TextDecoderStream would deliver them: never half a surrogate pair. */
function chunkings(input: string): Array<{ name: string; chunks: string[] }> {
  const chars = Array.from(input);
  const everyN = (n: number) => {
    const chunks: string[] = [];
    for (let i = 0; i < chars.length; i += n) chunks.push(chars.slice(i, i + n).join(""));
    return chunks;
  };
  const random = (seed: number) => {
    const next = prng(seed);
    const chunks: string[] = [];
    for (let i = 0; i < chars.length; ) {
      const size = 1 + Math.floor(next() * 6);
      chunks.push(chars.slice(i, i + size).join(""));
      i += size;
    }
    return chunks;
  };
  return [
    { name: "whole", chunks: [input] },
    { name: "1 char", chunks: everyN(1) },
    { name: "2 chars", chunks: everyN(2) },
    { name: "3 chars", chunks: everyN(3) },
    ...[1, 2, 3, 4, 5].map((seed) => ({ name: `random seed ${seed}`, chunks: random(seed) })),
    // Empty chunks occur in real streams (keep-alive deltas) and must change nothing.
    { name: "with empty chunks", chunks: ["", ...everyN(2).flatMap((chunk) => [chunk, ""])] },
  ];
}

async function pipe<I, O>(transform: TransformStream<I, O>, chunks: I[]): Promise<O[]> {
  const source = new ReadableStream<I>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
  const reader = source.pipeThrough(transform).getReader();
  const out: O[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) out.push(next.value);
  return out;
}

function joined(parts: ReasoningPart[]): { reasoning: string; content: string } {
  let reasoning = "";
  let content = "";
  for (const part of parts) {
    if (part.type === "reasoning-delta") reasoning += part.text;
    else content += part.text;
  }
  return { reasoning, content };
}

describe("reasoning splitter: every case under every chunking", () => {
  for (const c of splitCases) {
    test(c.name, async () => {
      for (const { name, chunks } of chunkings(c.input)) {
        const parts = await pipe(createReasoningSplitter({ startInReasoning: c.startInReasoning }), chunks);
        assert.deepEqual(joined(parts), { reasoning: c.reasoning, content: c.content }, `chunking: ${name}`);
        assert.ok(
          parts.every((part) => part.text !== ""),
          `an empty part under chunking ${name}`,
        );
        const firstText = parts.findIndex((part) => part.type === "text-delta");
        const lastReasoning = parts.findLastIndex((part) => part.type === "reasoning-delta");
        assert.ok(firstText < 0 || lastReasoning < firstText, `reasoning after the answer under ${name}`);
      }
      assert.deepEqual(splitReasoning(c.input, { startInReasoning: c.startInReasoning }), {
        reasoning: c.reasoning,
        content: c.content,
      });
    });
  }
});

/** Each step: a chunk pushed, and exactly the parts that push must emit (nothing held needlessly). */
const latencyCases: Array<{
  name: string;
  startInReasoning: boolean;
  steps: Array<[string, ReasoningPart[]]>;
}> = [
  {
    name: "reasoning text is emitted at once; only a possible </think> prefix is held",
    startInReasoning: P,
    steps: [
      ["Okay", [{ type: "reasoning-delta", text: "Okay" }]],
      [", so</", [{ type: "reasoning-delta", text: ", so" }]],
      ["th", []],
      ["ink>\n\nThe", [{ type: "text-delta", text: "The" }]],
      [" end", [{ type: "text-delta", text: " end" }]],
    ],
  },
  {
    name: "a held '</' that turns out not to be a tag is released with the next chunk",
    startInReasoning: P,
    steps: [
      ["a </", [{ type: "reasoning-delta", text: "a" }]],
      ["b", [{ type: "reasoning-delta", text: " </b" }]],
    ],
  },
  {
    name: "an answer without <think> streams from its first character",
    startInReasoning: M,
    steps: [
      ["Hello", [{ type: "text-delta", text: "Hello" }]],
      [" <think>", [{ type: "text-delta", text: " <think>" }]],
    ],
  },
  {
    name: "the model's <think> and the whitespace after it are held, then reasoning flows",
    startInReasoning: M,
    steps: [
      ["<", []],
      ["think>", []],
      ["\n", []],
      ["Hi", [{ type: "reasoning-delta", text: "Hi" }]],
    ],
  },
  {
    name: "inner whitespace waits for the next word; trailing whitespace never comes out",
    startInReasoning: P,
    steps: [
      ["a\n", [{ type: "reasoning-delta", text: "a" }]],
      ["\n", []],
      ["b", [{ type: "reasoning-delta", text: "\n\nb" }]],
      ["\n</think>", []],
      ["\n\n", []],
      ["X", [{ type: "text-delta", text: "X" }]],
    ],
  },
];

describe("reasoning splitter: latency", () => {
  for (const c of latencyCases) {
    test(c.name, () => {
      const splitter = new ReasoningSplitter({ startInReasoning: c.startInReasoning });
      for (const [chunk, expected] of c.steps)
        assert.deepEqual(splitter.push(chunk), expected, `after ${JSON.stringify(chunk)}`);
    });
  }

  test("flush releases a held partial tag as reasoning", () => {
    const splitter = new ReasoningSplitter({ startInReasoning: P });
    assert.deepEqual(splitter.push("x</thi"), [{ type: "reasoning-delta", text: "x" }]);
    assert.deepEqual(splitter.flush(), [{ type: "reasoning-delta", text: "</thi" }]);
  });
});

const r = (text: string): ReasoningPart => ({ type: "reasoning-delta", text });
const t = (text: string): ReasoningPart => ({ type: "text-delta", text });

/** The trimmer alone, for parts that arrive pre-split (node-llama-cpp's thought segments). */
const trimCases: Array<{ name: string; input: ReasoningPart[]; output: ReasoningPart[] }> = [
  {
    name: "leading whitespace of both, trailing whitespace of the reasoning",
    input: [r("\n"), r("Hello"), r(" world\n"), t("\n\n"), t("Answer")],
    output: [r("Hello"), r(" world"), t("Answer")],
  },
  { name: "a whitespace-only thought emits nothing", input: [r("\n\n"), t("A")], output: [t("A")] },
  {
    name: "leading answer whitespace across parts",
    input: [t("  "), t(" x"), t(" y")],
    output: [t("x"), t(" y")],
  },
  {
    name: "inner reasoning whitespace is kept",
    input: [r("a"), r("  "), r("b")],
    output: [r("a"), r("  b")],
  },
  { name: "answer trailing whitespace is kept", input: [t("a\n")], output: [t("a\n")] },
  { name: "empty parts vanish", input: [r(""), t(""), r("x"), t("")], output: [r("x")] },
  { name: "held reasoning whitespace is dropped at the end", input: [r("a"), r("\n\n")], output: [r("a")] },
];

describe("answer trimmer", () => {
  for (const c of trimCases) {
    test(c.name, async () => {
      assert.deepEqual(await pipe(createAnswerTrimmer(), c.input), c.output);
    });
  }
});
