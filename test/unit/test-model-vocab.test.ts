import assert from "node:assert/strict";
import { test } from "node:test";
import { r1ChatTemplate } from "../../src/test-model/r1-chat-template.js";
import { buildR1Vocab, bytesToTokenText, R1_SPECIAL, TokenType } from "../../src/test-model/r1-vocab.js";

test("256 byte tokens with id = byte value, GPT-2 byte-to-unicode texts", () => {
  const { tokens } = buildR1Vocab();
  assert.equal(tokens[0x20], "Ġ");
  assert.equal(tokens[0x0a], "Ċ");
  assert.equal(tokens[0x41], "A");
  for (let b = 0; b < 256; b++) assert.equal(tokens[b], bytesToTokenText(Uint8Array.of(b)));
  assert.equal(new Set(tokens.slice(0, 256)).size, 256);
});

test("every token text is unique (llama.cpp aborts on duplicates)", () => {
  const vocab = buildR1Vocab({ padTo: 151936 });
  assert.equal(vocab.tokens.length, 151936);
  assert.equal(vocab.tokenTypes.length, 151936);
  assert.equal(new Set(vocab.tokens).size, vocab.tokens.length);
  assert.equal(vocab.tokenTypes.at(-1), TokenType.UNUSED);
});

test("merges produce their tokens", () => {
  const { tokens, merges } = buildR1Vocab();
  for (const merge of merges) assert.ok(tokens.includes(merge.replace(" ", "")), merge);
});

test("R1 specials: <｜…｜> are CONTROL, <think> and </think> are USER_DEFINED", () => {
  const { tokens, tokenTypes, ids, specialTexts } = buildR1Vocab();
  const typeOf = (text: string) => tokenTypes[tokens.indexOf(text)];
  assert.equal(typeOf(R1_SPECIAL.EOS), TokenType.CONTROL);
  assert.equal(typeOf(R1_SPECIAL.USER), TokenType.CONTROL);
  assert.equal(typeOf(R1_SPECIAL.ASSISTANT), TokenType.CONTROL);
  assert.equal(typeOf(R1_SPECIAL.BOS), TokenType.CONTROL);
  assert.equal(typeOf("<｜tool▁sep｜>"), TokenType.CONTROL);
  assert.equal(typeOf(R1_SPECIAL.THINK), TokenType.USER_DEFINED);
  assert.equal(typeOf(R1_SPECIAL.END_THINK), TokenType.USER_DEFINED);
  assert.equal(tokens[ids.THINK], "<think>");
  assert.equal(tokens[ids.EOS], "<｜end▁of▁sentence｜>");
  assert.equal(specialTexts.length, 16);
});

test("the two template variants differ only in the generation prompt", () => {
  const r1 = r1ChatTemplate("r1");
  const think = r1ChatTemplate("r1-think");
  assert.ok(r1.endsWith("{{'<｜Assistant｜>'}}{% endif %}"));
  assert.ok(think.endsWith("{{'<｜Assistant｜><think>\\n'}}{% endif %}"));
  assert.equal(
    r1.replace("<｜Assistant｜>'}}{% endif %}", ""),
    think.replace("<｜Assistant｜><think>\\n'}}{% endif %}", ""),
  );
  assert.ok(r1.includes("{{bos_token}}") && r1.includes("content.split('</think>')[-1]"));
});
