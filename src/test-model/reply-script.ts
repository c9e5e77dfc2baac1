/**
 * Turns a raw model output such as `<think>\nsum</think>\boxed{4}` into the token chain a scripted model
 * generates after `<｜Assistant｜>`:
 *   <｜Assistant｜> → <think> → "\n" (byte 10) → r1 … rn → </think> → a1 … am → <｜end▁of▁sentence｜>
 * The chain has distinct tokens, so with attention/FFN outputs zeroed each token predicts the next. It also
 * continues a prompt that already ends inside it: a prompt prefilled with `<think>\n` ends with the byte
 * token "\n" and continues at r1; one that switched thinking off ends with `</think>` and continues at a1.
 * Without a leading `<think>` the model answers directly; with `<think>` but no `</think>` it thinks until EOS.
 */
import { DeepthinkError } from "../errors.js";
import { cutReplyPieces, type Piece } from "./cut-reply-pieces.js";
import { R1_SPECIAL, type R1Vocab } from "./r1-vocab.js";

export interface ReplyScript {
  /** Token ids from `<｜Assistant｜>` (the entry point) to EOS; every id but EOS is a distinct chain node. */
  chain: number[];
  /** Fresh NORMAL tokens to append to the vocabulary, in id order (byte-level BPE text form). */
  newTokens: string[];
  /** Text between `<think>` and `</think>` (or the end), leading "\n" included; undefined without `<think>`. */
  thought: string | undefined;
  /** Text after `</think>`, or the whole reply when it does not think; undefined when it never closes. */
  answer: string | undefined;
}

function invalid(reply: string, why: string, hint?: string): DeepthinkError {
  const preview = reply.length > 60 ? `${reply.slice(0, 57)}...` : reply;
  return new DeepthinkError(
    "invalid_argument",
    `reply ${JSON.stringify(preview)} cannot be scripted: ${why}`,
    {
      param: "reply",
      hint: hint ?? "Give the raw model output, e.g. `<think>\\nreasoning</think>answer`.",
    },
  );
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

export function planReplyScript(reply: string, vocab: R1Vocab): ReplyScript {
  if (reply.length === 0) throw invalid(reply, "it is empty");
  if (Buffer.from(reply, "utf8").toString("utf8") !== reply) {
    throw invalid(reply, "it contains a lone UTF-16 surrogate, which has no UTF-8 bytes");
  }
  for (const special of vocab.specialTexts) {
    if (special !== R1_SPECIAL.THINK && special !== R1_SPECIAL.END_THINK && reply.includes(special)) {
      throw invalid(
        reply,
        `it contains the special token ${special}, which would end or restructure the turn`,
      );
    }
  }
  const opens = count(reply, R1_SPECIAL.THINK);
  const closes = count(reply, R1_SPECIAL.END_THINK);
  if (opens > 1 || (opens === 1 && !reply.startsWith(R1_SPECIAL.THINK))) {
    throw invalid(reply, "<think> may appear only once, at the very start");
  }
  if (closes > 1) throw invalid(reply, "it has more than one </think>");
  if (closes === 1 && opens === 0) {
    throw invalid(
      reply,
      "it has </think> without a leading <think>",
      "Write the full raw output `<think>\\n…</think>…`; that model also continues a prompt ending in `<think>\\n`.",
    );
  }

  const { ids } = vocab;
  const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
  const closeAt = reply.indexOf(R1_SPECIAL.END_THINK);
  const thought =
    opens === 1 ? reply.slice(R1_SPECIAL.THINK.length, closeAt >= 0 ? closeAt : undefined) : undefined;
  const answer =
    opens === 0 ? reply : closeAt >= 0 ? reply.slice(closeAt + R1_SPECIAL.END_THINK.length) : undefined;

  // The "\n" right after <think> is its own chain node, so a prompt prefilled with `<think>\n` continues.
  const thoughtBytes = thought != null ? utf8(thought) : new Uint8Array(0);
  const newline = thoughtBytes[0] === 0x0a;
  const [thoughtPieces, answerPieces] = cutReplyPieces(
    [newline ? thoughtBytes.subarray(1) : thoughtBytes, utf8(answer ?? "")],
    new Set(vocab.tokens),
    new Set(newline ? [0x0a] : []),
  ) as [Piece[], Piece[]];

  const newTokens: string[] = [];
  const idOf = (piece: Piece): number => {
    if (piece.kind === "byte") return piece.byte;
    newTokens.push(piece.text);
    return vocab.tokens.length + newTokens.length - 1;
  };
  const chain = [ids.ASSISTANT];
  if (thought != null) {
    chain.push(ids.THINK);
    if (newline) chain.push(0x0a);
    chain.push(...thoughtPieces.map(idOf));
    if (closeAt >= 0) chain.push(ids.END_THINK);
  }
  chain.push(...answerPieces.map(idOf), ids.EOS);
  if (new Set(chain).size !== chain.length)
    throw new Error(`internal: scripted chain repeats a token: ${chain}`);
  return { chain, newTokens, thought, answer };
}
