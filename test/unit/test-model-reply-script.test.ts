import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { cutReplyPieces } from "../../src/test-model/cut-reply-pieces.js";
import { buildR1Vocab, bytesToTokenText } from "../../src/test-model/r1-vocab.js";
import { planReplyScript, type ReplyScript } from "../../src/test-model/reply-script.js";

const vocab = buildR1Vocab();
const { ids } = vocab;
const charToByte = new Map(Array.from({ length: 256 }, (_, b) => [bytesToTokenText(Uint8Array.of(b)), b]));

/** What the chain detokenizes to, the way llama.cpp maps byte-level token text back to bytes. */
function decode(script: ReplyScript, chain: number[]): string {
  const tokens = [...vocab.tokens, ...script.newTokens];
  const bytes: number[] = [];
  for (const id of chain) {
    const text = tokens[id]!;
    if (id >= 256 + vocab.merges.length && id < vocab.tokens.length) bytes.push(...Buffer.from(text, "utf8"));
    else for (const ch of text) bytes.push(charToByte.get(ch)!);
  }
  return Buffer.from(bytes).toString("utf8");
}

function checkInvariants(script: ReplyScript): void {
  assert.equal(new Set(script.chain).size, script.chain.length, "chain tokens are distinct");
  assert.equal(script.chain[0], ids.ASSISTANT);
  assert.equal(script.chain.at(-1), ids.EOS);
  const base = new Set(vocab.tokens);
  for (const text of script.newTokens) {
    assert.ok(!base.has(text), `fresh token ${text} is not an existing token text`);
    assert.ok([...text].length >= 2, `fresh token ${text} has 2+ bytes`);
  }
  assert.equal(new Set(script.newTokens).size, script.newTokens.length, "fresh token texts are unique");
}

describe("planReplyScript", () => {
  const cases = [
    "<think>\nsum</think>\\boxed{4}",
    "<think>\nhm</think>OK",
    `<think>\n${"hello hello ".repeat(14)}</think>${"hello world ".repeat(12)}`,
    "<think>\n让我想想 🤔 数学题</think>答案是 **4** 🎉",
    "<img src=x onerror=alert(1)>",
    "<think>\n[citation:1] says so</think>See [citation:1].",
    "<think>\nOK</think>OK",
    "<think>\naaaaaaaaaaaaaaaaaaaa</think>aaaaaaaaaaaaaaa",
  ];
  for (const reply of cases) {
    test(`scripts ${JSON.stringify(reply.slice(0, 40))}`, () => {
      const script = planReplyScript(reply, vocab);
      checkInvariants(script);
      assert.equal(decode(script, script.chain.slice(1, -1)), reply);
    });
  }

  test("the chain runs <think> → \\n → reasoning → </think> → answer → EOS", () => {
    const script = planReplyScript("<think>\nsum</think>\\boxed{4}", vocab);
    const c = script.chain;
    assert.deepEqual(c.slice(0, 3), [ids.ASSISTANT, ids.THINK, 0x0a]);
    const end = c.indexOf(ids.END_THINK);
    assert.equal(decode(script, c.slice(3, end)), "sum");
    assert.equal(decode(script, c.slice(end + 1, -1)), "\\boxed{4}");
    assert.equal(script.thought, "\nsum");
    assert.equal(script.answer, "\\boxed{4}");
  });

  test("single-byte segments use the byte's own token", () => {
    const script = planReplyScript("<think>\nx</think>y", vocab);
    assert.deepEqual(script.chain, [ids.ASSISTANT, ids.THINK, 0x0a, 0x78, ids.END_THINK, 0x79, ids.EOS]);
    assert.deepEqual(script.newTokens, []);
  });

  test("empty reasoning goes from \\n straight to </think>", () => {
    const script = planReplyScript("<think>\n</think>4", vocab);
    assert.deepEqual(script.chain, [ids.ASSISTANT, ids.THINK, 0x0a, ids.END_THINK, 0x34, ids.EOS]);
  });

  test("without <think> the model answers directly; without </think> it thinks until EOS", () => {
    const direct = planReplyScript("hello", vocab);
    assert.equal(direct.chain.includes(ids.THINK), false);
    assert.equal(direct.thought, undefined);
    assert.equal(direct.answer, "hello");
    const endless = planReplyScript("<think>\nstill thinking", vocab);
    assert.equal(endless.chain.includes(ids.END_THINK), false);
    assert.equal(endless.answer, undefined);
    assert.equal(decode(endless, endless.chain.slice(1, -1)), "<think>\nstill thinking");
  });

  const errors: Array<[string, RegExp]> = [
    ["", /empty/],
    ["hi <｜User｜> there", /special token <｜User｜>/],
    ["<think>\nx</think><｜end▁of▁sentence｜>", /special token/],
    ["a<think>b", /<think> may appear only once, at the very start/],
    ["<think>\n<think></think>x", /<think> may appear only once/],
    ["<think>\na</think>b</think>", /more than one <\/think>/],
    ["reasoning</think>answer", /<\/think> without a leading <think>/],
    ["<think>\nx</think>x", /cannot be cut into distinct tokens/],
    ["<think>\n\n</think>answer", /cannot be cut into distinct tokens/],
    ["<think>\naa</think>aa", /cannot be cut into distinct tokens/],
    ["bad \ud800 surrogate", /lone UTF-16 surrogate/],
  ];
  for (const [reply, message] of errors) {
    test(`rejects ${JSON.stringify(reply)}`, () => {
      assert.throws(
        () => planReplyScript(reply, vocab),
        (error) =>
          error instanceof DeepthinkError &&
          error.code === "invalid_argument" &&
          error.param === "reply" &&
          message.test(error.message),
      );
    });
  }
});

describe("cutReplyPieces", () => {
  const bytes = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));

  test("greedy: 2 bytes, extended until unused, no stranded last byte", () => {
    const [pieces] = cutReplyPieces([bytes("abababa")], new Set(vocab.tokens), new Set());
    assert.deepEqual(pieces, [
      { kind: "new", text: "ab" },
      { kind: "new", text: "aba" },
      { kind: "new", text: "ba" },
    ]);
  });

  test("skips texts already in the vocabulary (merges like 'he')", () => {
    const [pieces] = cutReplyPieces([bytes("hehe")], new Set(vocab.tokens), new Set());
    assert.deepEqual(pieces, [{ kind: "new", text: "hehe" }]);
  });

  test("backtracks across segments when the greedy cut paints itself into a corner", () => {
    const [a, b] = cutReplyPieces([bytes("abab"), bytes("ab")], new Set(vocab.tokens), new Set());
    assert.deepEqual(a, [{ kind: "new", text: "abab" }]);
    assert.deepEqual(b, [{ kind: "new", text: "ab" }]);
  });

  test("pieces are byte-level BPE text, so a piece may hold part of a UTF-8 character", () => {
    const [pieces] = cutReplyPieces([bytes("数")], new Set(vocab.tokens), new Set());
    assert.deepEqual(pieces, [{ kind: "new", text: bytesToTokenText(bytes("数")) }]);
    const [split] = cutReplyPieces([bytes("数学")], new Set(vocab.tokens), new Set());
    assert.equal(split!.length, 3);
    assert.equal(
      split!.map((p) => (p.kind === "new" ? p.text : "")).join(""),
      bytesToTokenText(bytes("数学")),
    );
  });
});
