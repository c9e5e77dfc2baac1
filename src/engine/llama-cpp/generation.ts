import type {
  ChatHistoryItem,
  LlamaChat,
  LlamaChatResponseChunk,
  LlamaContextSequence,
  LlamaGrammar,
} from "node-llama-cpp";
import { toDeepthinkError } from "../../errors.js";
import { PartTrimmer } from "../../protocol/answer-trimmer.js";
import { StopMatcher } from "../../protocol/stop-matcher.js";
import type { NormalizedRequest, ReasoningPart } from "../../protocol/types.js";
import type { EnginePart, FinishReason } from "../spec.js";
import { needsAnswerPhase, toChatHistory } from "./chat-history.js";
import { samplingOptions } from "./sampling-options.js";

export interface Slot {
  sequence: LlamaContextSequence;
  chat: LlamaChat;
}

export interface GenerationJob {
  slot: Slot;
  request: NormalizedRequest;
  promptTokens: number;
  /** Generated-token cap: the request's max_tokens, or what is left of the context. */
  maxTokens: number;
  grammar: LlamaGrammar | undefined;
  signal: AbortSignal;
  emit: (part: EnginePart) => void;
  now: () => number;
  startedAt: number;
  queuedMs: number;
}

/**
 * Runs one request on a slot and emits its parts. Reasoning arrives as node-llama-cpp thought segments;
 * stop sequences apply to the answer only. When the answer needs something the thinking must not see
 * (a JSON grammar, an assistant prefix), generation pauses as soon as the think block closes and resumes
 * in an answer phase on the same sequence, so only the prompt suffix is evaluated again.
 */
export async function runGeneration(job: GenerationJob): Promise<void> {
  const run = new Generation(job);
  const onAbort = () => run.abortPhase();
  job.signal.addEventListener("abort", onAbort, { once: true });
  try {
    job.emit(await run.execute());
  } catch (error) {
    job.emit({ type: "error", error: toDeepthinkError(error) });
  } finally {
    job.signal.removeEventListener("abort", onAbort);
  }
}

class Generation {
  readonly #job: GenerationJob;
  readonly #stops: StopMatcher;
  readonly #trimmer = new PartTrimmer();
  readonly #continuesPrefix: boolean;
  readonly #answerPhase: boolean;
  readonly #meterStart;
  #phase = new AbortController();
  #firstTokenAt: number | undefined;
  #reasoningTokens = 0;
  #reasoning = "";
  #thoughtEnded: boolean;
  #stoppedBySequence = false;
  #pausedForAnswer = false;
  #inAnswerPhase = false;
  readonly #thinkingBudget: number;

  constructor(job: GenerationJob) {
    this.#job = job;
    this.#stops = new StopMatcher(job.request.stop);
    this.#answerPhase = needsAnswerPhase(job.request);
    this.#continuesPrefix = (job.request.assistantPrefix ?? "") !== "";
    this.#thoughtEnded = job.request.thinking.type === "off";
    this.#meterStart = job.slot.sequence.tokenMeter.getState();
    this.#thinkingBudget =
      job.request.thinking.type === "budget" ? job.request.thinking.tokens : Number.POSITIVE_INFINITY;
  }

  abortPhase(): void {
    this.#phase.abort();
  }

  async execute(): Promise<EnginePart> {
    const job = this.#job;
    let reason = await this.#generate(
      toChatHistory(job.request),
      job.maxTokens,
      this.#answerPhase ? undefined : job.grammar,
    );
    if (this.#pausedForAnswer && !job.signal.aborted) {
      const used = job.slot.sequence.tokenMeter.diff(this.#meterStart).usedOutputTokens;
      // The prefilled "\n" after <think> is not in the streamed thought: put it back so the KV cache of
      // the first phase matches the new prompt and only the closing tag is evaluated again.
      const history = toChatHistory(job.request, { phase: "answer", reasoning: `\n${this.#reasoning}` });
      this.#inAnswerPhase = true;
      this.#thoughtEnded = true;
      this.#phase = new AbortController();
      reason =
        job.maxTokens - used > 0
          ? await this.#generate(history, job.maxTokens - used, job.grammar)
          : "maxTokens";
    }
    const rest = this.#stops.flush();
    if (rest !== "") job.emit({ type: "text-delta", text: rest });
    return this.#finish(reason);
  }

  async #generate(
    history: ChatHistoryItem[],
    maxTokens: number,
    grammar: LlamaGrammar | undefined,
  ): Promise<string> {
    const job = this.#job;
    if (job.signal.aborted) return "abort";
    const phase = this.#phase;
    try {
      const response = await job.slot.chat.generateResponse(history, {
        ...samplingOptions(job.request, job.slot.chat.model),
        maxTokens,
        signal: phase.signal,
        stopOnAbortSignal: true,
        onResponseChunk: (chunk) => this.#onChunk(chunk),
        ...(grammar != null ? { grammar } : {}),
      });
      return response.metadata.stopReason;
    } catch (error) {
      // Aborted before the first token: node-llama-cpp throws even with stopOnAbortSignal.
      if (phase.signal.aborted) return "abort";
      throw error;
    }
  }

  #onChunk(chunk: LlamaChatResponseChunk): void {
    const job = this.#job;
    if (chunk.tokens.length > 0) this.#firstTokenAt ??= job.now();
    // Tokens already in flight when the first phase was paused belong to nobody.
    if (this.#pausedForAnswer && !this.#inAnswerPhase) return;
    if (chunk.type === "segment") {
      if (chunk.segmentType !== "thought") return;
      this.#reasoningTokens += chunk.tokens.length;
      if (chunk.segmentEndTime != null && !this.#thoughtEnded) {
        this.#thoughtEnded = true;
        this.#reasoningTokens += 1; // the closing </think>, which no chunk carries
      }
      this.#reasoning += chunk.text;
      for (const part of this.#trimmer.push({ type: "reasoning-delta", text: chunk.text })) job.emit(part);
      if (!this.#thoughtEnded && this.#reasoningTokens >= this.#thinkingBudget) {
        // Budget spent: close the think block (the answer phase resumes after `</think>`). node-llama-cpp's
        // own budgets skip a thought segment that was prefilled, as R1's forced `<think>\n` is.
        this.#pausedForAnswer = true;
        this.#phase.abort();
      }
      return;
    }
    if (chunk.text === "" || this.#stoppedBySequence) return;
    if (this.#answerPhase && !this.#inAnswerPhase) {
      // The first answer token was sampled without the answer's constraints: drop it and resume.
      if (this.#thoughtEnded) {
        this.#pausedForAnswer = true;
        this.#phase.abort();
      }
      return;
    }
    // A prefix completion continues the caller's text exactly: its leading whitespace is meaningful.
    const parts: ReasoningPart[] = this.#continuesPrefix
      ? [{ type: "text-delta", text: chunk.text }]
      : this.#trimmer.push({ type: "text-delta", text: chunk.text });
    for (const part of parts) {
      const result = this.#stops.push(part.text);
      if (result.text !== "") job.emit({ type: "text-delta", text: result.text });
      if (result.stopped) {
        this.#stoppedBySequence = true;
        this.#phase.abort();
        return;
      }
    }
  }

  #finish(reason: string): EnginePart {
    const job = this.#job;
    const meter = job.slot.sequence.tokenMeter.diff(this.#meterStart);
    const end = job.now();
    const completionTokens = meter.usedOutputTokens;
    // To the end of generation, not the last chunk: node-llama-cpp holds back tokens that may start a
    // stop trigger, sometimes to the end, and a last-chunk rate then overstates decode (35-80 vs 12 tok/s).
    const decodeMs = this.#firstTokenAt != null ? end - this.#firstTokenAt : 0;
    return {
      type: "finish",
      reason: finishReason(reason, job.signal.aborted, this.#stoppedBySequence),
      usage: {
        promptTokens: job.promptTokens,
        cachedPromptTokens: Math.max(0, job.promptTokens - meter.usedInputTokens),
        completionTokens,
        reasoningTokens: Math.min(this.#reasoningTokens, completionTokens),
      },
      timings: {
        queuedMs: job.queuedMs,
        timeToFirstTokenMs: (this.#firstTokenAt ?? end) - job.startedAt,
        totalMs: end - job.startedAt,
        tokensPerSecond: decodeMs > 0 ? ((completionTokens - 1) * 1000) / decodeMs : 0,
      },
    };
  }
}

function finishReason(reason: string, clientAborted: boolean, stoppedBySequence: boolean): FinishReason {
  if (clientAborted) return "abort";
  if (stoppedBySequence) return "stop";
  return reason === "maxTokens" ? "length" : "stop";
}
