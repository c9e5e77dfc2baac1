import type { UpstreamKind } from "../upstream-kind.js";
import type { UpstreamAdapter } from "./adapter.js";
import { deepseekAdapter } from "./deepseek.js";
import { deepthinkAdapter } from "./deepthink.js";
import { llamaServerAdapter } from "./llama-server.js";
import { ollamaAdapter } from "./ollama.js";
import { openaiAdapter } from "./openai.js";
import { sglangAdapter } from "./sglang.js";
import { vllmAdapter } from "./vllm.js";

export type { ReasoningSplitMode, UpstreamAdapter, UpstreamBody } from "./adapter.js";

const ADAPTERS: Readonly<Record<UpstreamKind, UpstreamAdapter>> = {
  vllm: vllmAdapter,
  sglang: sglangAdapter,
  "llama-server": llamaServerAdapter,
  ollama: ollamaAdapter,
  deepseek: deepseekAdapter,
  deepthink: deepthinkAdapter,
  openai: openaiAdapter,
};

export function adapterFor(kind: UpstreamKind): UpstreamAdapter {
  return ADAPTERS[kind];
}
