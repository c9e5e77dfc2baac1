/**
 * cons@k for one problem: the most frequent answer key among its samples wins, and the problem counts as
 * solved when that answer was judged correct. Tie rule (documented in docs/eval.md): among answers with
 * the same top count, the one sampled earliest (lowest sample index of its first vote) wins. Samples
 * without an answer do not vote; a problem where none answered is unsolved. `fractional` is the share of
 * tied answers that are correct (an alternative credit some reports use).
 */
export interface Vote {
  sampleIndex: number;
  key: string | null;
  correct: boolean;
}

export interface VoteResult {
  key: string | null;
  correct: boolean;
  /** Answers that shared the top count (1 when there was no tie, 0 when nobody answered). */
  tied: number;
  fractional: number;
}

export function majorityVote(votes: readonly Vote[]): VoteResult {
  const groups = new Map<string, { count: number; first: number; correct: boolean }>();
  for (const vote of [...votes].sort((a, b) => a.sampleIndex - b.sampleIndex)) {
    if (vote.key == null) continue;
    const group = groups.get(vote.key);
    if (group == null) groups.set(vote.key, { count: 1, first: vote.sampleIndex, correct: vote.correct });
    else group.count++;
  }
  let top = 0;
  for (const group of groups.values()) top = Math.max(top, group.count);
  const leaders = [...groups.entries()]
    .filter(([, g]) => g.count === top)
    .sort(([, a], [, b]) => a.first - b.first);
  const winner = leaders[0];
  if (winner == null) return { key: null, correct: false, tied: 0, fractional: 0 };
  const correctLeaders = leaders.filter(([, g]) => g.correct).length;
  return {
    key: winner[0],
    correct: winner[1].correct,
    tied: leaders.length,
    fractional: correctLeaders / leaders.length,
  };
}
