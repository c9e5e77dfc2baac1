/** One request through a deepthink engine, measured from the outside and by the engine's own timings. */
import type { Engine, EnginePart } from "../../src/engine/spec.js";
import { benchRequest, type Run } from "./workload.js";

type Finish = Extract<EnginePart, { type: "finish" }>;

/**
 * Time to first token and decode rate come from the finish part: the engine stamps them in its
 * node-llama-cpp chunk callback, the same place the direct baseline stamps its own, so both sides are
 * measured alike. Total time runs until the consumer has read the finish part.
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
    decodeTps: timings.tokensPerSecond,
    totalMs,
  };
}
