/**
 * The test vocabulary: GPT-2 byte-level BPE (256 byte tokens, id = byte value) + a few merges + the
 * DeepSeek-R1-Distill special tokens, typed the way llama.cpp's convert_hf_to_gguf types them: added tokens
 * that look special (`<｜…｜>`) are CONTROL (matched in prompts only with special tokens on); `<think>` and
 * `</think>` are USER_DEFINED (always matched). Without token types llama.cpp would not treat BOS as control.
 */

/** tokenizer.ggml.token_type values (llama.cpp `llama_token_type`). */
export const TokenType = { NORMAL: 1, UNKNOWN: 2, CONTROL: 3, USER_DEFINED: 4, UNUSED: 5, BYTE: 6 } as const;

export const R1_SPECIAL = {
  EOS: "<｜end▁of▁sentence｜>",
  USER: "<｜User｜>",
  ASSISTANT: "<｜Assistant｜>",
  BOS: "<｜begin▁of▁sentence｜>",
  PAD: "<｜▁pad▁｜>",
  THINK: "<think>",
  END_THINK: "</think>",
} as const;

const TOOL_TOKENS = [
  "<｜tool▁calls▁begin｜>",
  "<｜tool▁calls▁end｜>",
  "<｜tool▁call▁begin｜>",
  "<｜tool▁call▁end｜>",
  "<｜tool▁outputs▁begin｜>",
  "<｜tool▁outputs▁end｜>",
  "<｜tool▁output▁begin｜>",
  "<｜tool▁output▁end｜>",
  "<｜tool▁sep｜>",
];

export interface R1Vocab {
  tokens: string[];
  tokenTypes: number[];
  merges: string[];
  /** Ids of the R1 special tokens. */
  ids: Record<keyof typeof R1_SPECIAL, number>;
  /** Texts of every CONTROL / USER_DEFINED token: what a prompt tokenizer matches as one token. */
  specialTexts: string[];
}

/** GPT-2 bytes_to_unicode: every byte maps to one printable character, which is its token text. */
const BYTE_TO_CHAR: readonly string[] = (() => {
  const printable: number[] = [];
  const add = (from: string, to: string) => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) printable.push(c);
  };
  add("!", "~");
  add("¡", "¬");
  add("®", "ÿ");
  const chars: string[] = [];
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    chars[b] = String.fromCodePoint(printable.includes(b) ? b : 256 + extra++);
  }
  return chars;
})();

/** Token text of raw bytes, in byte-level BPE form (what `tokenizer.ggml.tokens` stores). */
export function bytesToTokenText(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += BYTE_TO_CHAR[b]!;
  return text;
}

/** Merges "a b" (each creates token "ab"); they exercise llama.cpp's BPE merge path in prompts. */
function mergePairs(): Array<[string, string]> {
  const space = BYTE_TO_CHAR[0x20]!; // "Ġ"
  return [
    [space, "t"],
    ["h", "e"],
    ["i", "n"],
    [space + "t", "he"],
    [space, "a"],
    ["e", "r"],
    ["o", "n"],
    [space, "s"],
  ];
}

/**
 * @param padTo pad with `[PAD<i>]` UNUSED tokens (as convert_hf_to_gguf does for ids missing from the HF
 *   vocab) up to this many entries, so shape-alike files get the real vocab size.
 */
export function buildR1Vocab(options: { padTo?: number } = {}): R1Vocab {
  const tokens: string[] = [];
  const tokenTypes: number[] = [];
  const merges: string[] = [];
  const specialTexts: string[] = [];
  const push = (text: string, type: number): number => {
    tokens.push(text);
    tokenTypes.push(type);
    if (type === TokenType.CONTROL || type === TokenType.USER_DEFINED) specialTexts.push(text);
    return tokens.length - 1;
  };
  for (let b = 0; b < 256; b++) push(BYTE_TO_CHAR[b]!, TokenType.NORMAL);
  for (const [a, b] of mergePairs()) {
    merges.push(`${a} ${b}`);
    push(a + b, TokenType.NORMAL);
  }
  const ids = {
    EOS: push(R1_SPECIAL.EOS, TokenType.CONTROL),
    USER: push(R1_SPECIAL.USER, TokenType.CONTROL),
    ASSISTANT: push(R1_SPECIAL.ASSISTANT, TokenType.CONTROL),
    BOS: push(R1_SPECIAL.BOS, TokenType.CONTROL),
    PAD: push(R1_SPECIAL.PAD, TokenType.CONTROL),
    THINK: push(R1_SPECIAL.THINK, TokenType.USER_DEFINED),
    END_THINK: push(R1_SPECIAL.END_THINK, TokenType.USER_DEFINED),
  };
  for (const t of TOOL_TOKENS) push(t, TokenType.CONTROL);
  const padTo = options.padTo ?? 0;
  while (tokens.length < padTo) push(`[PAD${tokens.length}]`, TokenType.UNUSED);
  return { tokens, tokenTypes, merges, ids, specialTexts };
}
