/**
 * Which OpenAI-compatible server sits upstream. Each one spells reasoning, thinking control and the
 * R1 chat template's quirks differently (reference/serving.md §1–3), so each has a small adapter.
 */
export const UPSTREAM_KINDS = [
  "vllm",
  "sglang",
  "llama-server",
  "ollama",
  "deepseek",
  "deepthink",
  "openai",
] as const;

export type UpstreamKind = (typeof UPSTREAM_KINDS)[number];

/** A kind as configured: `auto` asks the server once (GET /v1/models) and reads the answer. */
export type UpstreamKindSetting = UpstreamKind | "auto";

export function isUpstreamKind(value: string): value is UpstreamKind {
  return (UPSTREAM_KINDS as readonly string[]).includes(value);
}

/**
 * The kind from what the server says about itself. `owned_by` in /v1/models is the server's own
 * signature: vLLM writes "vllm", SGLang "sglang", llama.cpp's server "llamacpp", deepthink "deepthink",
 * DeepSeek "deepseek"; Ollama writes the model's namespace ("library" for library models), so its
 * well-known port is the better hint. A server we do not recognise is spoken to as plain OpenAI, which
 * sends only standard fields (an unknown field can be a 400 on strict servers).
 */
export function detectKind(baseUrl: URL, ownedBy: string | undefined): UpstreamKind {
  const owner = ownedBy?.toLowerCase() ?? "";
  if (owner === "vllm") return "vllm";
  if (owner === "sglang") return "sglang";
  if (owner === "llamacpp" || owner === "llama.cpp") return "llama-server";
  if (owner === "deepthink") return "deepthink";
  if (owner === "deepseek" || baseUrl.hostname.endsWith("deepseek.com")) return "deepseek";
  if (owner === "ollama" || owner === "library" || baseUrl.port === "11434") return "ollama";
  return "openai";
}
