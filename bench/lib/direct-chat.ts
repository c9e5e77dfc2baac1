/**
 * The baseline: node-llama-cpp called directly, as an application would without deepthink. Its own
 * Llama instance and model load (useMmap off, like the engine's default), one sequence, the same threads
 * and context size, LlamaChat with the DeepSeek wrapper, EOS/EOT banned so it always runs to maxTokens.
 * The history ends in an open thought segment, the same prompt (`…<think>\n`) the engine sends.
 */
import {
  DeepSeekChatWrapper,
  getLlama,
  LlamaChat,
  type LlamaChatResponseChunk,
  LlamaLogLevel,
  TokenBias,
} from "node-llama-cpp";
import { decodeRate, promptText, type Run, SAMPLING } from "./workload.js";

export interface DirectChat {
  run(id: number, maxTokens: number): Promise<Run>;
  close(): Promise<void>;
}

export interface DirectChatOptions {
  modelPath: string;
  threads: number;
  contextSize: number;
}

export async function openDirectChat(options: DirectChatOptions): Promise<DirectChat> {
  const llama = await getLlama({
    gpu: false,
    build: "never",
    maxThreads: options.threads,
    logLevel: LlamaLogLevel.error,
    progressLogs: false,
  });
  const model = await llama.loadModel({ modelPath: options.modelPath, useMmap: false });
  const context = await model.createContext({
    contextSize: options.contextSize,
    sequences: 1,
    threads: options.threads,
  });
  const sequence = context.getSequence();
  const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: new DeepSeekChatWrapper() });
  const noEnd = () => {
    const bias = new TokenBias(model.tokenizer);
    for (const token of [model.tokens.eos, model.tokens.eot]) if (token != null) bias.set(token, "never");
    return bias;
  };

  return {
    async run(id, maxTokens) {
      const meter = sequence.tokenMeter.getState();
      let first: number | undefined;
      // Thought segments reach only onResponseChunk (not onToken), so the first token is timed there.
      const onResponseChunk = (chunk: LlamaChatResponseChunk) => {
        if (chunk.tokens.length > 0) first ??= performance.now();
      };
      const started = performance.now();
      await chat.generateResponse(
        [
          { type: "user", text: promptText(id) },
          {
            type: "model",
            response: [{ type: "segment", segmentType: "thought", text: "\n", ended: false }],
          },
        ],
        {
          ...SAMPLING,
          repeatPenalty: false,
          budgets: { thoughtTokens: Number.POSITIVE_INFINITY },
          tokenBias: noEnd,
          maxTokens,
          onResponseChunk,
        },
      );
      const totalMs = performance.now() - started;
      const used = sequence.tokenMeter.diff(meter);
      const ttftMs = (first ?? started + totalMs) - started;
      return {
        promptTokens: used.usedInputTokens,
        generatedTokens: used.usedOutputTokens,
        ttftMs,
        decodeTps: decodeRate(used.usedOutputTokens, ttftMs, totalMs),
        totalMs,
      };
    },
    async close() {
      chat.dispose();
      await context.dispose();
      await model.dispose();
      await llama.dispose();
    },
  };
}
