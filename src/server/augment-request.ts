/**
 * The API's files and web search (docs/files-and-search.md): the last user message becomes the README's
 * file/search template around the user's words, before the protocol normalises the request. Files come
 * from `files` and from OpenAI `{"type":"file"}` content parts of that message; the budget is what the
 * context leaves after the other turns and the answer's room, so the prompt fits by construction.
 */
import type { Engine } from "../engine/spec.js";
import { DeepthinkError } from "../errors.js";
import type { FileInput } from "../files/extract-file.js";
import { estimateTokens } from "../files/token-budget.js";
import { augmentQuestion } from "../search/augment-question.js";
import { toApiSources } from "../search/search-and-read.js";
import type { SearchConfig } from "../search/search-config.js";
import type { SearchSource } from "../search/types.js";
import type { ChatRequestBody } from "./chat-request-schema.js";

export type ApiSource = ReturnType<typeof toApiSources>[number];

export interface ApiWarning {
  code: string;
  message: string;
  param?: string;
}

/** Opens the configured search (per request: a local index file is opened and closed around it). */
export type OpenSearch = (provider: SearchSource | undefined) => SearchConfig;

export interface AugmentedRequest {
  body: ChatRequestBody;
  sources: ApiSource[];
  warnings: ApiWarning[];
  /** Whether search ran: then `sources` is always sent, even empty, so clients know there was nothing. */
  searched: boolean;
}

type WireMessage = ChatRequestBody["messages"][number];
type WirePart = Exclude<NonNullable<WireMessage["content"]>, string>[number];

/** Tokens a turn costs besides its text (role markers); generous, the budget must never overflow. */
const TURN_OVERHEAD = 8;

export async function augmentRequest(
  body: ChatRequestBody,
  engine: Engine,
  openSearch: OpenSearch,
  signal: AbortSignal,
): Promise<AugmentedRequest> {
  const wantsSearch =
    (body.web_search != null && body.web_search !== false) || body.web_search_options != null;
  const lastUser = body.messages.findLastIndex((m) => m.role === "user");
  const target = lastUser >= 0 ? body.messages[lastUser] : undefined;
  const fromParts = target != null ? fileParts(target, lastUser) : [];
  const files = [...(body.files ?? []).map(fromFileField), ...fromParts.map((p) => p.file)];
  if (!wantsSearch && files.length === 0) return { body, sources: [], warnings: [], searched: false };
  if (target == null) {
    throw new DeepthinkError("invalid_request", "Files and web search need a user message to attach to.", {
      param: body.files != null && body.files.length > 0 ? "files" : "web_search",
    });
  }

  const question = questionText(target, lastUser);
  const countTokens = (text: string) => engine.countTokens?.(text) ?? estimateTokens(text);
  const contextSize = engine.info().contextSize;
  const asked = body.max_completion_tokens ?? body.max_tokens;
  const answerRoom = Math.min(asked ?? Math.floor(contextSize / 2), contextSize - 64);
  const others = body.messages.reduce(
    (sum, m, i) => (i === lastUser ? sum : sum + TURN_OVERHEAD + countTokens(plainText(m.content))),
    TURN_OVERHEAD,
  );
  const options = typeof body.web_search === "object" && body.web_search != null ? body.web_search : {};
  const search = wantsSearch ? openSearch(options.provider ?? undefined) : null;
  try {
    const augmented = await augmentQuestion({
      question,
      files,
      countTokens,
      budgetTokens: contextSize - answerRoom - others,
      search:
        search != null
          ? {
              provider: search.provider,
              count: options.count ?? search.count,
              readTop: options.read_top ?? search.readTop,
              fetch: { allowNetworks: search.allowNetworks },
            }
          : null,
      signal,
    });
    const messages = body.messages.map(
      (m, i): WireMessage => (i === lastUser ? { ...m, content: augmented.prompt } : m),
    );
    const fileCount = body.files?.length ?? 0;
    const warnings = augmented.truncations.map((t): ApiWarning => {
      const part = fromParts[t.index - fileCount];
      return {
        code: "file_truncated",
        message: `File '${t.name}' was cut to fit the context: ${t.shownTokens} of ${t.totalTokens} tokens kept.`,
        param: t.index < fileCount ? `files[${t.index}]` : (part?.param ?? "files"),
      };
    });
    return {
      body: { ...body, messages },
      sources: toApiSources(augmented.sources),
      warnings,
      searched: search != null,
    };
  } catch (error) {
    throw renameFileParam(error, body.files?.length ?? 0, fromParts);
  } finally {
    search?.close();
  }
}

/** Limit errors name `files[i]` over the combined list; a file that came from a content part is named as such. */
function renameFileParam(
  error: unknown,
  fromField: number,
  parts: ReadonlyArray<{ param: string }>,
): unknown {
  if (!(error instanceof DeepthinkError) || error.param == null) return error;
  const match = /^files\[(\d+)\]$/.exec(error.param);
  if (match == null) return error;
  const index = Number(match[1]);
  if (index < fromField) return error;
  const part = parts[index - fromField];
  if (part == null) return error;
  return new DeepthinkError(error.code, error.message, {
    param: part.param,
    cause: error,
    ...(error.hint != null ? { hint: error.hint } : {}),
  });
}

function decodeBase64(data: string, param: string): Uint8Array {
  // `data:<mime>;base64,` prefixes are what OpenAI's file parts carry; accept them everywhere.
  const payload = data.replace(/^data:[^,]*;base64,/, "").replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload) || payload.length % 4 === 1) {
    throw new DeepthinkError("invalid_request", `'${param}' must be base64.`, { param });
  }
  return new Uint8Array(Buffer.from(payload, "base64"));
}

function mimeOfDataUrl(data: string): string | undefined {
  return /^data:([^;,]+)[;,]/.exec(data)?.[1];
}

function fromFileField(file: NonNullable<ChatRequestBody["files"]>[number], i: number): FileInput {
  const bytes = decodeBase64(file.data, `files[${i}].data`);
  const mime = file.mime_type ?? mimeOfDataUrl(file.data);
  return mime != null ? { name: file.name, bytes, mime } : { name: file.name, bytes };
}

/** OpenAI's `{"type":"file","file":{"filename","file_data"}}` parts of the last user message. */
function fileParts(message: WireMessage, index: number): Array<{ file: FileInput; param: string }> {
  if (!Array.isArray(message.content)) return [];
  const found: Array<{ file: FileInput; param: string }> = [];
  message.content.forEach((part, j) => {
    if (part.type !== "file") return;
    const param = `messages[${index}].content[${j}]`;
    const inner = (part as WirePart & { file?: unknown }).file;
    const spec = typeof inner === "object" && inner != null ? (inner as Record<string, unknown>) : {};
    if (typeof spec.file_data !== "string") {
      throw new DeepthinkError(
        "invalid_request",
        `'${param}.file.file_data' must be base64 (file ids are not supported: send the file's data).`,
        { param: `${param}.file.file_data` },
      );
    }
    const name = typeof spec.filename === "string" && spec.filename !== "" ? spec.filename : `file-${j + 1}`;
    const bytes = decodeBase64(spec.file_data, `${param}.file.file_data`);
    const mime = mimeOfDataUrl(spec.file_data);
    found.push({ file: mime != null ? { name, bytes, mime } : { name, bytes }, param });
  });
  return found;
}

/** The user's own words: the message's text parts (file parts removed). */
function questionText(message: WireMessage, index: number): string {
  if (!Array.isArray(message.content)) return message.content ?? "";
  let text = "";
  message.content.forEach((part, j) => {
    if (part.type === "file") return;
    // Anything but text is refused here as the protocol would refuse it (the prompt replaces the parts).
    if (part.type !== "text" || part.text == null) {
      const param = `messages[${index}].content[${j}]`;
      throw new DeepthinkError(
        "invalid_request",
        `${param} must be a text or file part; got '${part.type}'.`,
        {
          param: `${param}.type`,
        },
      );
    }
    text += part.text;
  });
  return text;
}

function plainText(content: WireMessage["content"]): string {
  if (content == null) return "";
  if (typeof content === "string") return content;
  return content.map((p) => p.text ?? "").join("");
}
