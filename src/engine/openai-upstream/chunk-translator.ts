import { PartTrimmer } from "../../protocol/answer-trimmer.js";
import { ReasoningSplitter } from "../../protocol/reasoning-splitter.js";
import type { ReasoningPart } from "../../protocol/types.js";
import type { EnginePart } from "../spec.js";
import type { ReasoningSplitMode } from "./adapters/adapter.js";
import type { UpstreamChunk, UpstreamUsage } from "./chunk-schema.js";

export interface ChunkTranslatorOptions {
  split: ReasoningSplitMode;
  /** The template left the prompt inside the think block (R1's `<think>\n`), as raw text then shows. */
  startInReasoning: boolean;
  now: () => number;
  startedAt: number;
  /** Characters of the prompt, for an estimate when the upstream reports no usage at all. */
  promptChars: number;
}

type FinishPart = Extract<EnginePart, { type: "finish" }>;

/**
 * Upstream chunks → reasoning and answer parts, then the finish with usage and timings. Reasoning
 * fields (`reasoning_content ?? reasoning`) are the upstream's own split; raw `content` goes through the
 * protocol's `<think>` splitter. Both pass the protocol's whitespace rules, so every upstream yields the
 * same parts as the embedded engine for the same model output.
 */
export class ChunkTranslator {
  readonly #options: ChunkTranslatorOptions;
  readonly #fieldTrimmer = new PartTrimmer();
  #splitter: ReasoningSplitter | undefined;
  #usage: UpstreamUsage | undefined;
  #cachedFromTimings: number | undefined;
  #finishReason: string | undefined;
  #firstTextAt: number | undefined;
  #lastTextAt: number | undefined;
  #textChunks = 0;
  #reasoningChars = 0;
  #answerChars = 0;

  constructor(options: ChunkTranslatorOptions) {
    this.#options = options;
    // Even a splitting upstream's `content` goes through a splitter (not starting in reasoning): it
    // costs nothing and still catches a think block the upstream left in the text (R1-0528 opens its own).
    if (options.split !== "auto")
      this.#splitter = new ReasoningSplitter({
        startInReasoning: options.split === "none" && options.startInReasoning,
      });
  }

  /** The upstream said why it stopped: the stream may end without `[DONE]`. */
  get finished(): boolean {
    return this.#finishReason != null;
  }

  push(chunk: UpstreamChunk): ReasoningPart[] {
    if (chunk.usage != null) this.#usage = chunk.usage;
    if (chunk.timings?.cache_n != null) this.#cachedFromTimings = chunk.timings.cache_n;
    const choice = chunk.choices?.find((c) => (c.index ?? 0) === 0);
    if (choice == null) return [];
    if (choice.finish_reason != null) this.#finishReason = choice.finish_reason;
    const delta = choice.delta;
    if (delta == null) return [];
    // Both names at once (a server mid-migration) carry the same text: read one, preferring non-empty.
    const reasoning =
      delta.reasoning_content != null && delta.reasoning_content !== ""
        ? delta.reasoning_content
        : (delta.reasoning ?? delta.reasoning_content);
    const parts: ReasoningPart[] = [];
    if (reasoning != null) {
      // Even `reasoning_content: ""` (DeepSeek's first chunk) says the upstream splits.
      this.#splitter ??= new ReasoningSplitter({ startInReasoning: false });
      if (reasoning !== "") {
        this.#sawText();
        parts.push(...this.#fieldTrimmer.push({ type: "reasoning-delta", text: reasoning }));
      }
    }
    const content = delta.content;
    if (content != null && content !== "") {
      this.#splitter ??= new ReasoningSplitter({ startInReasoning: this.#options.startInReasoning });
      this.#sawText();
      parts.push(...this.#splitter.push(content));
    }
    return this.#count(parts);
  }

  /** End of the text: what the splitter held back was not a tag after all. */
  flush(): ReasoningPart[] {
    return this.#count([...this.#fieldTrimmer.flush(), ...(this.#splitter?.flush() ?? [])]);
  }

  finish(aborted: boolean): FinishPart {
    const { now, startedAt, promptChars } = this.#options;
    const end = now();
    const usage = this.#usage;
    // Without usage (an upstream that ignores stream_options): streaming servers send one chunk per
    // decoding step, so the chunks count the tokens (speculative decoding undercounts).
    const completionTokens = usage?.completion_tokens ?? this.#textChunks;
    const decodeMs =
      this.#firstTextAt != null && this.#lastTextAt != null ? this.#lastTextAt - this.#firstTextAt : 0;
    return {
      type: "finish",
      reason: aborted ? "abort" : this.#finishReason === "length" ? "length" : "stop",
      usage: {
        // ~4 characters per token under R1's BPE vocabularies for English; only when nothing is reported.
        promptTokens: usage?.prompt_tokens ?? Math.ceil(promptChars / 4),
        cachedPromptTokens:
          usage?.prompt_tokens_details?.cached_tokens ??
          usage?.prompt_cache_hit_tokens ??
          this.#cachedFromTimings ??
          0,
        completionTokens,
        reasoningTokens:
          usage?.completion_tokens_details?.reasoning_tokens ?? this.#estimateReasoning(completionTokens),
      },
      timings: {
        // Upstreams do not say how long a request waited in their queue; it is inside the TTFT.
        queuedMs: 0,
        timeToFirstTokenMs: (this.#firstTextAt ?? end) - startedAt,
        totalMs: end - startedAt,
        tokensPerSecond: decodeMs > 0 ? ((completionTokens - 1) * 1000) / decodeMs : 0,
      },
    };
  }

  /**
   * vLLM, SGLang, llama.cpp and Ollama do not report reasoning tokens (only DeepSeek does), so they are
   * estimated: the completion's tokens shared out by the characters of reasoning and answer. R1's
   * reasoning and answers are the same kind of text, so characters per token are alike on both sides.
   */
  #estimateReasoning(completionTokens: number): number {
    const chars = this.#reasoningChars + this.#answerChars;
    if (chars === 0) return 0;
    return Math.min(completionTokens, Math.round((completionTokens * this.#reasoningChars) / chars));
  }

  #sawText(): void {
    const at = this.#options.now();
    this.#firstTextAt ??= at;
    this.#lastTextAt = at;
    this.#textChunks++;
  }

  #count(parts: ReasoningPart[]): ReasoningPart[] {
    for (const part of parts) {
      if (part.type === "reasoning-delta") this.#reasoningChars += part.text.length;
      else this.#answerChars += part.text.length;
    }
    return parts;
  }
}
