/**
 * A chat question with files or web search, turned into the text the model is sent (the README's file
 * and search templates, `augmentQuestion`). Done once, when the question is asked: the result is stored
 * on the question (prompt, sources, attachments), so later turns and regenerations send the very same
 * text without extracting or searching again. Budget: the context − the earlier turns − half the context
 * kept for the answer (the app sets no max_tokens).
 */
import type { Engine } from "../../engine/spec.js";
import { DeepthinkError } from "../../errors.js";
import { estimateTokens } from "../../files/token-budget.js";
import { augmentQuestion } from "../../search/augment-question.js";
import { toApiSources } from "../../search/search-and-read.js";
import type { NewAttachment } from "../../store/chat-store.js";
import type { OpenSearch } from "../augment-request.js";
import type { AttachmentUpload, ChatMessage } from "./chat-wire.js";

export interface AskAugmentation {
  prompt: string | null;
  sources: ChatMessage["sources"];
  attachments: NewAttachment[];
  warnings: string[];
}

const TURN_OVERHEAD = 8;

export async function augmentAsk(input: {
  question: string;
  files: readonly AttachmentUpload[];
  webSearch: boolean;
  /** The earlier turns as they will be sent. */
  history: readonly string[];
  engine: Engine;
  openSearch: OpenSearch;
  idGenerator: () => string;
  signal?: AbortSignal;
}): Promise<AskAugmentation> {
  const { files, engine } = input;
  if (files.length === 0 && !input.webSearch) {
    return { prompt: null, sources: null, attachments: [], warnings: [] };
  }
  const uploads = files.map((file, i) => {
    const payload = file.data.replace(/^data:[^,]*;base64,/, "");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(payload)) {
      throw new DeepthinkError("invalid_request", `File '${file.name}' is not valid base64.`, {
        param: `files[${i}]`,
      });
    }
    const bytes = new Uint8Array(Buffer.from(payload, "base64"));
    return file.mimeType != null
      ? { name: file.name, bytes, mime: file.mimeType }
      : { name: file.name, bytes };
  });
  const countTokens = (text: string) => engine.countTokens?.(text) ?? estimateTokens(text);
  const contextSize = engine.info().contextSize;
  const history = input.history.reduce((sum, text) => sum + TURN_OVERHEAD + countTokens(text), TURN_OVERHEAD);
  const search = input.webSearch ? input.openSearch(undefined) : null;
  try {
    const augmented = await augmentQuestion({
      question: input.question,
      files: uploads,
      countTokens,
      budgetTokens: contextSize - Math.floor(contextSize / 2) - history,
      search:
        search != null
          ? {
              provider: search.provider,
              count: search.count,
              readTop: search.readTop,
              fetch: { allowNetworks: search.allowNetworks },
            }
          : null,
      ...(input.signal != null ? { signal: input.signal } : {}),
    });
    return {
      prompt: augmented.prompt,
      sources: search != null ? toApiSources(augmented.sources) : null,
      // Same order as uploaded: augmentQuestion keeps it, and each file's text is what the model saw.
      attachments: uploads.map((upload, i) => ({
        id: input.idGenerator(),
        name: upload.name,
        mime: upload.mime ?? null,
        bytes: upload.bytes,
        text: augmented.files[i]?.text ?? "",
      })),
      warnings: augmented.truncations.map(
        (t) => `${t.name} was cut to fit the context: ${t.shownTokens} of ${t.totalTokens} tokens kept.`,
      ),
    };
  } finally {
    search?.close();
  }
}
