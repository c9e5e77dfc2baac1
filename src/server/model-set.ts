/**
 * Several models side by side — the embedded one and upstream ones — behind the one ModelHost the app
 * takes. The first host is the default: a request without `model` gets it, DeepSeek's
 * `deepseek-reasoner` names it, and status()/engine()/names() describe it (so /health and the chat app
 * keep their meaning). Any other model is found by its id or aliases.
 */
import type { Engine } from "../engine/spec.js";
import { DeepthinkError } from "../errors.js";
import { DEEPSEEK_ALIAS, type ModelHost, servedModel } from "./model-host.js";

export interface ModelSet extends ModelHost {
  readonly hosts: readonly ModelHost[];
}

export function createModelSet(hosts: readonly ModelHost[]): ModelSet {
  const first = hosts[0];
  if (first == null) throw new DeepthinkError("invalid_argument", "A server needs at least one model.");
  return {
    hosts,
    status: () => first.status(),
    engine: () => first.engine(),
    names: () => first.names(),
    settled: async () => {
      await Promise.all(hosts.map((h) => h.settled()));
    },
    close: async () => {
      await Promise.all(hosts.map((h) => h.close()));
    },
  };
}

export function hostsOf(host: ModelHost): readonly ModelHost[] {
  return "hosts" in host ? (host as ModelSet).hosts : [host];
}

/** Every name each ready model answers to; `deepseek-reasoner` only for the default. */
export function servedNames(host: ModelHost): string[][] {
  return hostsOf(host).flatMap((h, index) => {
    const names = h.names();
    if (names == null || h.status().state !== "ready") return [];
    const aliases = index === 0 ? names.aliases : names.aliases.filter((a) => a !== DEEPSEEK_ALIAS);
    return [[names.id, ...aliases]];
  });
}

/** `servedModel` across the set: the host named by `requested` (its id first, then its aliases). */
export function servedFrom(
  host: ModelHost,
  requested: string | null | undefined,
): { engine: Engine; model: string } {
  const hosts = hostsOf(host);
  if (hosts.length === 1 || requested == null || requested === "") return servedModel(hosts[0]!, requested);
  const byId = hosts.find((h) => h.names()?.id === requested);
  const byAlias = hosts.find((h, i) => {
    const aliases = h.names()?.aliases ?? [];
    return (i === 0 || requested !== DEEPSEEK_ALIAS) && aliases.includes(requested);
  });
  const target = byId ?? byAlias;
  if (target != null) return servedModel(target, requested);
  const ids = servedNames(host).map((names) => `'${names[0]}'`);
  throw new DeepthinkError(
    "model_not_found",
    `The model '${requested}' does not exist on this server; it serves ${ids.join(", ")}.`,
    { param: "model" },
  );
}
