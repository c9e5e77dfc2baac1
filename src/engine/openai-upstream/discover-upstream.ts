import { z } from "zod";
import { parseJson } from "./chunk-schema.js";
import { detectKind, type UpstreamKind } from "./upstream-kind.js";

const modelList = z.looseObject({
  data: z
    .array(
      z.looseObject({
        id: z.string(),
        owned_by: z.string().nullish(),
        /** vLLM's context length per request. */
        max_model_len: z.number().int().positive().nullish(),
      }),
    )
    .nullish(),
});

export interface Discovered {
  kind: UpstreamKind;
  /** The first model the server lists (the one single-model servers serve). */
  model: string | undefined;
  contextSize: number | undefined;
}

/** What GET /v1/models says: who the server is, which model it serves, and (vLLM) its context. */
export function readModelList(baseUrl: URL, bodyText: string): Discovered {
  const parsed = modelList.safeParse(parseJson(bodyText));
  const first = parsed.success ? parsed.data.data?.[0] : undefined;
  return {
    kind: detectKind(baseUrl, first?.owned_by ?? undefined),
    model: first?.id,
    contextSize: first?.max_model_len ?? undefined,
  };
}
