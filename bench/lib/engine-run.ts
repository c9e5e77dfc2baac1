/** One request through a deepthink engine, measured the way the direct baseline is. */
import type { Engine, EnginePart } from "../../src/engine/spec.js";
import { benchRequest, decodeRate, type Run } from "./workload.js";

type Finish = Extract<EnginePart, { type: "finish" }>;

/**
 * Time to first token comes from the finish part: the engine stamps it in its node-llama-cpp chunk
 * callback, where the direct baseline stamps its own. Total time runs until the consumer has read the
 * finish part, and the decode rate is derived from both alike on either side (see `decodeRate`).
 */
export async function runEngine(engine: Engine, id: number, maxTokens: number): Promise<Run> {
  const started = performance.now();
  const { stream } = await engine.generate(benchRequest(id, maxTokens));
  let finish: Finish | undefined;
  for await (const part of stream) {
    if (part.type === "error") throw part.error;
    if (part.type === "finish") finish = part;
  }
  const totalMs = performance.now() - started;
  if (finish == null) throw new Error("the engine's stream ended without a finish part");
  const { usage, timings } = finish;
  return {
    promptTokens: usage.promptTokens - usage.cachedPromptTokens,
    generatedTokens: usage.completionTokens,
    ttftMs: timings.timeToFirstTokenMs,
    decodeTps: decodeRate(usage.completionTokens, timings.timeToFirstTokenMs, totalMs),
    totalMs,
    reportedTps: timings.tokensPerSecond,
  };
}
