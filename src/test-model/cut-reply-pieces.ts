/**
 * Cuts the reply's segments (reasoning, answer) into the tokens a scripted model will generate.
 *
 * Constraints, all from llama.cpp:
 * - The scripted model is a bigram machine (next token = f(current token)), so every token in the chain
 *   must be distinct.
 * - A fresh token's text must differ from every other token's text: llama.cpp builds `token_to_id[text]`
 *   and GGML_ASSERTs that it has one entry per id (a duplicate aborts the process); a fresh token equal to a
 *   byte or merge text would also hijack how prompts tokenize.
 * - Fresh tokens are never produced by tokenizing a prompt (no merges lead to them), so any text of 2+
 *   bytes that is not already a token text is safe.
 * Greedy: take 2 bytes, extend until the text is unused; never strand a single trailing byte. A byte's own
 * token (id = byte value) is the fallback when it is not yet in the chain. Depth-first search with
 * backtracking across all segments finds a cut whenever the greedy choice paints itself into a corner.
 */
import { DeepthinkError } from "../errors.js";
import { bytesToTokenText } from "./r1-vocab.js";

export type Piece = { kind: "byte"; byte: number } | { kind: "new"; text: string };

const MAX_STEPS = 200_000;

/**
 * @param existingTexts every token text already in the vocabulary
 * @param usedBytes byte tokens already in the chain (e.g. the "\n" after `<think>`)
 * @returns one piece list per segment
 */
export function cutReplyPieces(
  segments: readonly Uint8Array[],
  existingTexts: ReadonlySet<string>,
  usedBytes: ReadonlySet<number>,
): Piece[][] {
  const out: Piece[][] = segments.map(() => []);
  const taken = new Set<string>();
  const bytesInChain = new Set(usedBytes);
  let steps = 0;

  const tryNew = (seg: number, pos: number, len: number): boolean => {
    const bytes = segments[seg]!;
    const text = bytesToTokenText(bytes.subarray(pos, pos + len));
    if (existingTexts.has(text) || taken.has(text)) return false;
    taken.add(text);
    out[seg]!.push({ kind: "new", text });
    if (cut(seg, pos + len)) return true;
    out[seg]!.pop();
    taken.delete(text);
    return false;
  };

  const tryByte = (seg: number, pos: number): boolean => {
    const byte = segments[seg]![pos]!;
    if (bytesInChain.has(byte)) return false;
    bytesInChain.add(byte);
    out[seg]!.push({ kind: "byte", byte });
    if (cut(seg, pos + 1)) return true;
    out[seg]!.pop();
    bytesInChain.delete(byte);
    return false;
  };

  function cut(seg: number, pos: number): boolean {
    if (seg === segments.length) return true;
    const left = segments[seg]!.length - pos;
    if (left === 0) return cut(seg + 1, 0);
    if (++steps > MAX_STEPS) {
      throw new DeepthinkError(
        "invalid_argument",
        `reply cannot be scripted: no cut into distinct tokens found within ${MAX_STEPS} steps`,
        { param: "reply", hint: "Use a reply with less repetition." },
      );
    }
    for (let len = 2; len <= left; len++) {
      if (left - len !== 1 && tryNew(seg, pos, len)) return true;
    }
    if (tryByte(seg, pos)) return true;
    return left >= 3 && tryNew(seg, pos, left - 1);
  }

  if (!cut(0, 0)) {
    throw new DeepthinkError(
      "invalid_argument",
      "reply cannot be scripted: its reasoning and answer cannot be cut into distinct tokens " +
        "(e.g. a single-byte part whose byte token is already used, or an answer equal to a piece of the reasoning)",
      {
        param: "reply",
        hint: "Make the repeated part longer or different, e.g. `<think>\\nok</think>okay`.",
      },
    );
  }
  return out;
}
