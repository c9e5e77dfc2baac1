/**
 * Samples from any OpenAI-compatible `/chat/completions` (vLLM, SGLang, llama.cpp's server, DeepSeek's
 * API, deepthink itself). Streamed, because a non-streamed 32K-token answer sends no header for many
 * minutes and fetch gives up on it (undici's 300 s header timeout); tokens keep a stream alive.
 * Reasoning comes from `reasoning_content` (DeepSeek, SGLang, llama.cpp, deepthink) or `reasoning`
 * (vLLM); a server without a reasoning parser sends raw `<think>` text, split here by the R1 protocol.
 */
import { z } from "zod";
import { DeepthinkError } from "../../errors.js";
import { isAbortError, isNetworkError } from "../../models/download-errors.js";
import { splitReasoning, THINK_CLOSE, THINK_OPEN } from "../../protocol/index.js";
import { parseJson } from "../json-text.js";
import type { Generation, GenerationRequest, SampleGenerator } from "./sample-generator.js";
import { sseData } from "./sse-data.js";
import { upstreamHttpError } from "./upstream-http-error.js";

export interface EndpointOptions {
  /** Base URL as OpenAI clients take it: `http://localhost:8000/v1`; a bare host gets `/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Extra request fields, e.g. `{"chat_template_kwargs": {"thinking": true}}`. */
  extraBody?: Record<string, unknown>;
  fetch?: typeof fetch;
}

const Delta = z
  .object({
    content: z.string().nullish(),
    reasoning_content: z.string().nullish(),
    reasoning: z.string().nullish(),
  })
  .loose();

const Chunk = z
  .object({
    choices: z
      .array(z.object({ delta: Delta.nullish(), finish_reason: z.string().nullish() }).loose())
      .nullish(),
    usage: z
      .object({
        prompt_tokens: z.number().nullish(),
        completion_tokens: z.number().nullish(),
        completion_tokens_details: z.object({ reasoning_tokens: z.number().nullish() }).loose().nullish(),
      })
      .loose()
      .nullish(),
    error: z.object({ message: z.string().nullish(), code: z.unknown() }).loose().nullish(),
  })
  .loose();

export function chatCompletionsUrl(baseUrl: string): string {
  const url = new URL(baseUrl);
  let path = url.pathname.replace(/\/+$/, "");
  if (path.endsWith("/chat/completions")) return url.toString();
  if (path === "") path = "/v1";
  url.pathname = `${path}/chat/completions`;
  return url.toString();
}

export function endpointGenerator(options: EndpointOptions): SampleGenerator {
  const url = chatCompletionsUrl(options.baseUrl);
  const doFetch = options.fetch ?? globalThis.fetch;
  return {
    async generate(request: GenerationRequest): Promise<Generation> {
      const body = {
        ...options.extraBody,
        model: options.model,
        messages: [{ role: "user", content: request.prompt }],
        temperature: request.temperature,
        top_p: request.topP,
        max_tokens: request.maxTokens,
        ...(request.seed != null ? { seed: request.seed } : {}),
        stream: true,
        stream_options: { include_usage: true },
      };
      let response: Response;
      try {
        response = await doFetch(url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "text/event-stream",
            ...(options.apiKey != null ? { authorization: `Bearer ${options.apiKey}` } : {}),
          },
          body: JSON.stringify(body),
          ...(request.signal != null ? { signal: request.signal } : {}),
        });
      } catch (error) {
        throw connectionError(url, error);
      }
      if (!response.ok || response.body == null) throw await upstreamHttpError(url, response);
      try {
        return await readStream(response.body);
      } catch (error) {
        if (error instanceof DeepthinkError) throw error;
        throw connectionError(url, error);
      }
    },
    async close() {},
  };
}

async function readStream(body: ReadableStream<Uint8Array>): Promise<Generation> {
  let reasoning = "";
  let content = "";
  let finish: string | undefined;
  let usage: z.output<typeof Chunk>["usage"];
  for await (const data of sseData(body)) {
    if (data.trim() === "[DONE]") break;
    const json = parseJson(data);
    if (!json.ok) {
      throw new DeepthinkError(
        "model_unavailable",
        `The endpoint sent a stream chunk that is not JSON: ${data.slice(0, 120)}`,
      );
    }
    const chunk = Chunk.safeParse(json.value);
    if (!chunk.success) {
      throw new DeepthinkError(
        "model_unavailable",
        `The endpoint sent an unexpected chunk: ${data.slice(0, 120)}`,
      );
    }
    if (chunk.data.error != null) {
      // An error mid-stream is the server's trouble (overload, a crashed worker): worth another try.
      throw new DeepthinkError(
        "model_unavailable",
        `The endpoint failed mid-stream: ${chunk.data.error.message ?? "error"}`,
      );
    }
    const choice = chunk.data.choices?.[0];
    reasoning += choice?.delta?.reasoning_content ?? choice?.delta?.reasoning ?? "";
    content += choice?.delta?.content ?? "";
    if (choice?.finish_reason != null) finish = choice.finish_reason;
    if (chunk.data.usage != null) usage = chunk.data.usage;
  }
  if (finish == null) {
    throw new DeepthinkError(
      "network_unavailable",
      "The endpoint's stream ended before the answer finished.",
    );
  }
  if (reasoning === "" && (content.includes(THINK_CLOSE) || content.trimStart().startsWith(THINK_OPEN))) {
    // Raw R1 text: the updated template prefilled `<think>\n`, so what comes first is reasoning.
    ({ reasoning, content } = splitReasoning(content, { startInReasoning: content.includes(THINK_CLOSE) }));
  }
  return {
    reasoning,
    content,
    finishReason: finish === "length" ? "length" : "stop",
    promptTokens: usage?.prompt_tokens ?? null,
    completionTokens: usage?.completion_tokens ?? null,
    reasoningTokens: usage?.completion_tokens_details?.reasoning_tokens ?? null,
  };
}

function connectionError(url: string, error: unknown): DeepthinkError {
  if (isAbortError(error)) return new DeepthinkError("aborted", "The request was aborted.", { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new DeepthinkError(
    isNetworkError(error) || error instanceof TypeError ? "network_unavailable" : "model_unavailable",
    `Cannot reach ${new URL(url).origin}: ${message}`,
    { cause: error, hint: "is the server running? check --endpoint" },
  );
}
