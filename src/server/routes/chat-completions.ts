/**
 * `POST /v1/chat/completions` (also `/chat/completions` and `/beta/chat/completions`, DeepSeek's base URLs).
 * Parse → reject what we cannot honour → pick the model → normalise (R1 rules live in the protocol) →
 * n engine generations → one encoder → SSE, or the fold of the same frames as one JSON body.
 */
import type { Context } from "hono";
import { normalizeChatRequest } from "../../protocol/index.js";
import type { AppEnv, Clock, RequestRecord, ServerLimits } from "../app-env.js";
import { augmentRequest, type OpenSearch } from "../augment-request.js";
import { parseChatRequest } from "../chat-request-schema.js";
import { createChunkEncoder, type IndexedPart } from "../chunk-encoder.js";
import { foldCompletion } from "../fold-chunks.js";
import { toHttpError } from "../http-errors.js";
import type { ModelHost } from "../model-host.js";
import { servedFrom } from "../model-set.js";
import { type ChatCompletion, mergeChoiceUsage, type ReasoningFields } from "../openai-wire.js";
import { readJsonBody } from "../read-json-body.js";
import { rejectUnsupported } from "../reject-unsupported.js";
import { settlesWithin } from "../settles-within.js";
import { createSseBody } from "../sse-body.js";
import { startChoices } from "../start-choices.js";
import { toProtocolInput } from "../to-protocol-input.js";

export interface ChatCompletionsDeps {
  host: ModelHost;
  limits: ServerLimits;
  clock: Clock;
  idGenerator: () => string;
  reasoningFields: ReasoningFields;
  /** Web search for `web_search` requests (the server's environment by default). */
  openSearch: OpenSearch;
}

export function chatCompletionsHandler(deps: ChatCompletionsDeps) {
  const { host, limits, clock, reasoningFields } = deps;
  return async (c: Context<AppEnv>): Promise<Response> => {
    const record = c.get("record");
    const parsed = parseChatRequest(await readJsonBody(c.req.raw, limits.maxBodyBytes));
    rejectUnsupported(parsed, limits.maxChoices);
    const { engine, model } = servedFrom(host, parsed.model);
    record.model = model;

    const controller = new AbortController();
    // The socket's signal: a client that goes away stops its generations (and its search) and frees slots.
    const clientSignal = c.req.raw.signal;
    if (clientSignal.aborted) controller.abort();
    else clientSignal.addEventListener("abort", () => controller.abort(), { once: true });

    const augmented = await augmentRequest(parsed, engine, deps.openSearch, controller.signal);
    const body = augmented.body;
    const request = normalizeChatRequest(toProtocolInput(body));
    const warnings = [...request.warnings, ...augmented.warnings];
    if (warnings.length > 0) {
      // Codes only: header values must stay ASCII; the full messages are in the body (non-stream) and docs.
      c.header("X-Deepthink-Warnings", warnings.map((w) => w.code).join(", "));
    }
    const sources = augmented.searched ? { sources: augmented.sources } : {};

    const n = body.n ?? 1;
    const stream = body.stream === true;

    const source = startChoices(engine, request, n, controller);
    const encoder = createChunkEncoder({
      id: `chatcmpl-${deps.idGenerator()}`,
      created: Math.floor(clock.now() / 1000),
      model,
      choices: n,
      includeUsage: stream ? body.stream_options?.include_usage === true : true,
      reasoningFields,
      firstChunkExtra: sources,
    });
    const onPart = partObserver(record, clock);

    if (!stream) {
      let completion: ChatCompletion;
      try {
        completion = await foldCompletion(await source, encoder, reasoningFields, onPart);
      } catch (error) {
        controller.abort(); // one choice failed: stop the others at once
        throw error;
      }
      return c.json({ ...completion, ...sources, ...(warnings.length > 0 ? { warnings } : {}) });
    }

    // A request refused at once (queue full, prompt too long) still gets its proper HTTP status.
    const early = await settlesWithin(source, limits.keepAliveMs);
    if (early != null && !early.ok) throw early.error;
    let endStream = () => {};
    record.streamEnded = new Promise<void>((resolve) => {
      endStream = resolve;
    });
    const sse = createSseBody({
      source,
      encoder,
      keepAliveMs: limits.keepAliveMs,
      controller,
      requestId: record.id,
      onPart,
      onEnd: (outcome) => {
        if (outcome.error != null) {
          record.errorCode = outcome.error.code;
          if (toHttpError(outcome.error).isServerFault) record.fault = outcome.error;
        }
        endStream();
      },
    });
    return c.body(sse, 200, {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache",
      "X-Accel-Buffering": "no",
    });
  };
}

/** Time to first token (first reasoning or answer text) and the usage, as the parts go by. */
function partObserver(record: RequestRecord, clock: Clock) {
  return ({ part }: IndexedPart) => {
    if (part.type === "finish") record.usage = mergeChoiceUsage(record.usage, part.usage);
    else if (part.type !== "error" && record.timeToFirstTokenMs == null) {
      record.timeToFirstTokenMs = clock.now() - record.startedAt;
    }
  };
}
