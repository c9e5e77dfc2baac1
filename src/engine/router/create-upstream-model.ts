import { DeepthinkError } from "../../errors.js";
import { createUpstreamEngine } from "../openai-upstream/upstream-engine.js";
import { createRouterEngine, type RouterEngine } from "./router-engine.js";
import type { RouterOptions } from "./router-options.js";
import type { UpstreamModelSpec } from "./upstream-spec.js";

export interface UpstreamModelDeps {
  env?: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  now?: () => number;
  /** Router settings for every model (health interval, ejection); the spec's own cap wins. */
  router?: Partial<Omit<RouterOptions, "model" | "replicas">>;
}

/**
 * A spec → an Engine: one upstream engine per URL behind a router, even for a single URL, so that
 * health checks, ejection, caps and per-replica stats are the same for one replica or twenty.
 */
export function createUpstreamModel(spec: UpstreamModelSpec, deps: UpstreamModelDeps = {}): RouterEngine {
  let apiKey = spec.apiKey;
  if (apiKey == null && spec.apiKeyEnv != null) {
    apiKey = deps.env?.[spec.apiKeyEnv];
    if (apiKey == null || apiKey === "") {
      throw new DeepthinkError(
        "invalid_argument",
        `The upstream '${spec.name}' takes its key from ${spec.apiKeyEnv}, which is not set.`,
        {
          param: spec.apiKeyEnv,
        },
      );
    }
  }
  const replicas = spec.urls.map((baseUrl) =>
    createUpstreamEngine({
      name: spec.name,
      baseUrl,
      ...(apiKey != null ? { apiKey } : {}),
      ...(spec.kind != null ? { kind: spec.kind } : {}),
      ...(spec.upstreamModel != null ? { upstreamModel: spec.upstreamModel } : {}),
      ...(spec.reasoningSplit != null ? { reasoningSplit: spec.reasoningSplit } : {}),
      ...(spec.healthPath != null ? { healthPath: spec.healthPath } : {}),
      ...(spec.maxConcurrentPerReplica != null ? { parallel: spec.maxConcurrentPerReplica } : {}),
      ...(deps.fetch != null ? { fetch: deps.fetch } : {}),
      ...(deps.now != null ? { now: deps.now } : {}),
    }),
  );
  return createRouterEngine({
    ...deps.router,
    model: spec.name,
    replicas,
    ...(spec.aliases != null ? { aliases: spec.aliases } : {}),
    ...(spec.maxConcurrentPerReplica != null
      ? { maxConcurrentPerReplica: spec.maxConcurrentPerReplica }
      : {}),
    ...(deps.now != null ? { now: deps.now } : {}),
  });
}
