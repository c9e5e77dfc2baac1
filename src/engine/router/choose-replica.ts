export interface Candidate {
  index: number;
  inFlight: number;
  healthy: boolean;
  /** At its concurrency cap: it cannot take this request now. */
  full: boolean;
}

export interface ChoiceOptions {
  /** The replica that served this conversation's longest known prefix. */
  affine: number | undefined;
  affinityTolerance: number;
  /** Rotates ties, so equal loads take turns instead of all landing on the first replica. */
  cursor: number;
}

export type Choice = { type: "replica"; index: number } | { type: "wait" } | { type: "none" };

/**
 * The routing rule, pure. Among the candidates (replicas this request has not tried yet):
 * 1. usable = healthy and under the cap; when no candidate is healthy, ejected ones are usable too
 *    (a request that would fail anyway may as well probe them);
 * 2. the affine replica wins if usable and it has at most `affinityTolerance` more requests in flight
 *    than the least loaded usable one (a cached prefix is worth a short wait, not a pile-up);
 * 3. otherwise the least outstanding requests, ties taken in turn.
 * `wait` when the only candidates are full; `none` when there is no candidate at all.
 */
export function chooseReplica(candidates: readonly Candidate[], options: ChoiceOptions): Choice {
  const anyHealthy = candidates.some((c) => c.healthy);
  const eligible = candidates.filter((c) => c.healthy || !anyHealthy);
  if (eligible.length === 0) return { type: "none" };
  const usable = eligible.filter((c) => !c.full);
  if (usable.length === 0) return { type: "wait" };
  let least = Number.POSITIVE_INFINITY;
  for (const c of usable) least = Math.min(least, c.inFlight);
  const affine = usable.find((c) => c.index === options.affine);
  if (affine != null && affine.inFlight <= least + options.affinityTolerance) {
    return { type: "replica", index: affine.index };
  }
  const n = usable.length;
  for (let step = 0; step < n; step++) {
    const c = usable[(options.cursor + step) % n]!;
    if (c.inFlight === least) return { type: "replica", index: c.index };
  }
  return { type: "none" };
}
