import { z } from "zod";
import { DeepthinkError } from "../../errors.js";
import { UPSTREAM_KINDS, type UpstreamKindSetting } from "../openai-upstream/upstream-kind.js";
import { upstreamRoot } from "../openai-upstream/upstream-options.js";

/** One model served by upstream replicas: what `--upstream` and each config line describe. */
export interface UpstreamModelSpec {
  /** The model id deepthink lists and answers to. */
  name: string;
  /** The replicas' roots: more than one makes a routed set. */
  urls: string[];
  apiKey?: string;
  /** Environment variable holding the key (config files name it instead of holding the secret). */
  apiKeyEnv?: string;
  kind?: UpstreamKindSetting;
  /** The id the upstream expects (vLLM's served name, Ollama's tag). */
  upstreamModel?: string;
  aliases?: string[];
  maxConcurrentPerReplica?: number;
  reasoningSplit?: "upstream" | "none" | "auto";
  healthPath?: string;
}

const NAME = /^[A-Za-z0-9][\w.:/@+-]*$/;

/** Option names as written (`max-concurrent`) → validated values. Unknown options are an error. */
export const specOptionsSchema = z.strictObject({
  kind: z.enum(["auto", ...UPSTREAM_KINDS]).optional(),
  model: z.string().min(1).optional(),
  "api-key": z.string().min(1).optional(),
  "api-key-env": z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be an environment variable name")
    .optional(),
  aliases: z.string().min(1).optional(),
  "max-concurrent": z.coerce.number().int().positive().optional(),
  reasoning: z.enum(["upstream", "none", "auto"]).optional(),
  "health-path": z.string().startsWith("/").optional(),
});

/**
 * `NAME=URL[,URL…]`, the value of `deepthink serve --upstream` (repeatable, one model each), e.g.
 * `r1=http://gpu1:8000,http://gpu2:8000`. `flag` names the source in errors.
 */
export function parseUpstreamFlag(value: string, flag = "--upstream"): UpstreamModelSpec {
  const at = value.indexOf("=");
  const name = value.slice(0, at).trim();
  if (at <= 0 || !NAME.test(name)) {
    throw new DeepthinkError(
      "invalid_argument",
      `${flag} '${value}' must be NAME=URL[,URL…], e.g. r1=http://gpu1:8000.`,
      {
        param: flag,
      },
    );
  }
  const urls = value
    .slice(at + 1)
    .split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
  if (urls.length === 0) {
    throw new DeepthinkError("invalid_argument", `${flag} '${value}' names no URL.`, { param: flag });
  }
  for (const url of urls) {
    try {
      upstreamRoot(url);
    } catch (error) {
      throw new DeepthinkError("invalid_argument", `${flag} '${name}': ${(error as Error).message}`, {
        param: flag,
      });
    }
  }
  return { name, urls };
}

/**
 * `--upstream-key KEY` (every upstream without its own) or `--upstream-key NAME=KEY` (one model).
 * A value is per-model only when what precedes its first `=` is a configured name, so keys that
 * contain `=` (base64 padding) still work as plain keys.
 */
export function applyUpstreamKeys(specs: UpstreamModelSpec[], keys: readonly string[]): UpstreamModelSpec[] {
  const names = new Set(specs.map((s) => s.name));
  let shared: string | undefined;
  const own = new Map<string, string>();
  for (const key of keys) {
    const at = key.indexOf("=");
    const name = at > 0 ? key.slice(0, at) : "";
    if (names.has(name)) own.set(name, key.slice(at + 1));
    else shared = key;
  }
  return specs.map((spec) => {
    const apiKey = own.get(spec.name) ?? spec.apiKey ?? shared;
    return apiKey != null ? { ...spec, apiKey } : spec;
  });
}

/** A spec's options from their written form (already validated by `specOptionsSchema`). */
export function withOptions(
  spec: UpstreamModelSpec,
  options: z.infer<typeof specOptionsSchema>,
): UpstreamModelSpec {
  const out: UpstreamModelSpec = { ...spec };
  if (options.kind != null) out.kind = options.kind;
  if (options.model != null) out.upstreamModel = options.model;
  if (options["api-key"] != null) out.apiKey = options["api-key"];
  if (options["api-key-env"] != null) out.apiKeyEnv = options["api-key-env"];
  if (options.aliases != null)
    out.aliases = options.aliases
      .split(",")
      .map((a) => a.trim())
      .filter((a) => a !== "");
  if (options["max-concurrent"] != null) out.maxConcurrentPerReplica = options["max-concurrent"];
  if (options.reasoning != null) out.reasoningSplit = options.reasoning;
  if (options["health-path"] != null) out.healthPath = options["health-path"];
  return out;
}
