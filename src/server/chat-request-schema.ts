/**
 * The wire shape of `POST /v1/chat/completions`: structure and types only. R1 rules (ranges, thinking,
 * prefix completion, folding the system prompt) belong to `normalizeChatRequest`; here we only make sure
 * every field has the type the protocol expects, and name the field when it does not. Objects are loose:
 * unknown fields are ignored, as OpenAI-compatible servers do.
 */
import { z } from "zod";
import { DeepthinkError } from "../errors.js";
import { REASONING_EFFORT_THINKING, type ReasoningEffort } from "../protocol/index.js";

const REASONING_EFFORTS = Object.keys(REASONING_EFFORT_THINKING) as [ReasoningEffort, ...ReasoningEffort[]];

const contentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

const message = z.looseObject({
  // tool/function parse here so that the 400 can say tool calling is unsupported (to-protocol-input.ts).
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  content: z
    .union([z.string(), z.array(contentPart)], { error: "must be a string or an array of content parts" })
    .nullish(),
  name: z.string().nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  prefix: z.boolean().nullish(),
  tool_calls: z.array(z.unknown()).nullish(),
  tool_call_id: z.string().nullish(),
});

const jsonSchemaFormat = z.looseObject({
  name: z.string().optional(),
  description: z.string().nullish(),
  schema: z.record(z.string(), z.unknown()),
  strict: z.boolean().nullish(),
});

const responseFormat = z.discriminatedUnion(
  "type",
  [
    z.looseObject({ type: z.literal("text") }),
    z.looseObject({ type: z.literal("json_object") }),
    z.looseObject({ type: z.literal("json_schema"), json_schema: jsonSchemaFormat }),
  ],
  { error: "must be 'text', 'json_object' or 'json_schema'" },
);

const finite = () => z.number().finite();
const integer = () => z.number().int();

const fileField = z.looseObject({
  name: z.string().min(1, "must be a non-empty file name"),
  /** Base64 of the file's bytes (a `data:` URL is accepted too). */
  data: z.string(),
  mime_type: z.string().nullish(),
});

const webSearchObject = z.looseObject({
  provider: z.enum(["searxng", "brave", "tavily", "local"]).nullish(),
  count: integer().min(1, "must be at least 1").max(50, "must be at most 50").nullish(),
  read_top: integer().min(0, "must be at least 0").max(20, "must be at most 20").nullish(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().nullish(),
  messages: z.array(message).min(1, "must hold at least one message"),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: finite().nullish(),
  top_p: finite().nullish(),
  top_k: integer().nullish(),
  min_p: finite().nullish(),
  repeat_penalty: finite().nullish(),
  max_tokens: integer().nullish(),
  max_completion_tokens: integer().nullish(),
  stop: z
    .union([z.string(), z.array(z.string())], { error: "must be a string or an array of strings" })
    .nullish(),
  seed: integer().nullish(),
  n: integer().min(1, "must be at least 1").nullish(),
  presence_penalty: finite().nullish(),
  frequency_penalty: finite().nullish(),
  user: z.string().nullish(),
  response_format: responseFormat.nullish(),
  thinking: z
    .looseObject({ type: z.enum(["enabled", "disabled"]), budget_tokens: integer().nullish() })
    .nullish(),
  reasoning_effort: z.enum(REASONING_EFFORTS).nullish(),
  chat_template_kwargs: z
    .looseObject({ enable_thinking: z.boolean().nullish(), thinking: z.boolean().nullish() })
    .nullish(),
  math_directive: z.boolean().nullish(),
  ignore_eos: z.boolean().nullish(),
  // Fields we cannot honour: typed loosely here so that `rejectUnsupportedFields` can name them.
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  functions: z.array(z.unknown()).nullish(),
  function_call: z.unknown().optional(),
  logprobs: z.boolean().nullish(),
  top_logprobs: integer().nullish(),
  logit_bias: z.record(z.string(), z.unknown()).nullish(),
  audio: z.unknown().optional(),
  modalities: z.array(z.string()).nullish(),
  prediction: z.unknown().optional(),
  // OpenAI's web search: honoured as `web_search: true` (augment-request.ts).
  web_search_options: z.unknown().optional(),
  // deepthink extensions (docs/files-and-search.md): files for the last user message, and web search.
  files: z.array(fileField).nullish(),
  web_search: z
    .union([z.boolean(), webSearchObject], { error: "must be true, false or {provider?, count?, read_top?}" })
    .nullish(),
});

export type ChatRequestBody = z.infer<typeof chatRequestSchema>;

/** Validate the parsed JSON; the first problem becomes a 400 naming its field, e.g. `messages[1].content`. */
export function parseChatRequest(json: unknown): ChatRequestBody {
  if (json == null || typeof json !== "object" || Array.isArray(json)) {
    throw new DeepthinkError("invalid_request", "The request body must be a JSON object.");
  }
  const valid = chatRequestSchema.safeParse(json);
  if (valid.success) return valid.data;
  // Only a bad request pays for the second pass that keeps the offending values for the message.
  const result = chatRequestSchema.safeParse(json, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue == null) throw new DeepthinkError("invalid_request", "The request body is invalid.");
  const param = formatPath(issue.path);
  throw new DeepthinkError("invalid_request", describeIssue(param, issue), { param: param || undefined });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function describeIssue(param: string, issue: z.core.$ZodIssue): string {
  const where = param === "" ? "The request body" : `'${param}'`;
  if (issue.code === "invalid_type") {
    const received = issue.input === undefined ? "nothing" : describeValue(issue.input);
    if (issue.input === undefined) return `${where} is required.`;
    return `${where} must be ${article(issue.expected)}, not ${received}.`;
  }
  if (issue.code === "invalid_union") return `${where} ${issue.message}.`;
  if (issue.code === "invalid_value") {
    return `${where} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
  }
  return `${where} ${issue.message}.`;
}

function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number" && !Number.isInteger(value)) return `the number ${value}`;
  return typeof value === "object" ? "an object" : `${article(typeof value)} (${JSON.stringify(value)})`;
}

function article(noun: string): string {
  if (noun === "int") return "an integer";
  return /^[aeiou]/.test(noun) ? `an ${noun}` : `a ${noun}`;
}
