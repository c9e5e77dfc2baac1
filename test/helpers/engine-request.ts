import type { Engine, EnginePart } from "../../src/engine/spec.js";
import type { NormalizedRequest } from "../../src/protocol/types.js";

/** A normalised request as the protocol would produce it, for engine tests. */
export function request(overrides: Partial<NormalizedRequest> = {}): NormalizedRequest {
  return {
    messages: [{ role: "user", content: "hi" }],
    thinking: { type: "on" },
    sampling: { temperature: 0.6, topP: 0.95 },
    stop: [],
    responseFormat: { type: "text" },
    warnings: [],
    ...overrides,
  };
}

export interface Collected {
  reasoning: string;
  content: string;
  parts: EnginePart[];
  finish: Extract<EnginePart, { type: "finish" }> | undefined;
  error: Extract<EnginePart, { type: "error" }> | undefined;
}

export async function collect(stream: ReadableStream<EnginePart>): Promise<Collected> {
  const parts: EnginePart[] = [];
  for await (const part of stream) parts.push(part);
  return summarize(parts);
}

export function summarize(parts: EnginePart[]): Collected {
  let reasoning = "";
  let content = "";
  for (const p of parts) {
    if (p.type === "reasoning-delta") reasoning += p.text;
    if (p.type === "text-delta") content += p.text;
  }
  return {
    reasoning,
    content,
    parts,
    finish: parts.find((p) => p.type === "finish") as Collected["finish"],
    error: parts.find((p) => p.type === "error") as Collected["error"],
  };
}

export async function generateText(
  engine: Engine,
  req: NormalizedRequest,
  signal?: AbortSignal,
): Promise<Collected> {
  const { stream } = await engine.generate(req, signal);
  return collect(stream);
}
