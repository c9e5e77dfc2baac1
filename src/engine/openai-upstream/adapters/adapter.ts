import type { NormalizedRequest } from "../../../protocol/types.js";
import type { UpstreamKind } from "../upstream-kind.js";

/** A JSON request body for POST …/chat/completions. */
export type UpstreamBody = Record<string, unknown>;

/**
 * Whether the upstream splits reasoning from the answer itself:
 * - `upstream`: it always does (DeepSeek, Ollama, deepthink): reasoning comes in `reasoning_content` or
 *   `reasoning`, and `content` is the answer;
 * - `none`: it does not (vLLM/SGLang without `--reasoning-parser`, llama.cpp with `--reasoning-format
 *   none`): `content` is raw R1 text, split here with the protocol's `<think>` splitter;
 * - `auto`: decided per response by whichever comes first: a reasoning field (it splits) or non-empty
 *   content (it does not). Parsing servers send reasoning before any answer text, so this only misreads
 *   a parsing server whose model closed the think block before writing anything in it.
 */
export type ReasoningSplitMode = "upstream" | "none" | "auto";

export interface UpstreamAdapter {
  readonly kind: UpstreamKind;
  /** Where readiness is asked: servers with a cheap health route use it; others list their models. */
  readonly healthPath: string;
  readonly reasoningSplit: ReasoningSplitMode;
  /** The model id the server needs when none is configured: undefined = ask GET /v1/models. */
  readonly defaultModel?: string;
  /** Whether the server needs a model id at all (llama.cpp's server and deepthink serve one model). */
  readonly needsModel: boolean;
  /** The chat endpoint, relative to the server's root. */
  chatPath(request: NormalizedRequest): string;
  /** The request body in this server's dialect. Throws `invalid_request` for what it cannot serve. */
  body(request: NormalizedRequest, model: string | undefined): UpstreamBody;
}

export const OPENAI_CHAT_PATH = "/v1/chat/completions";
