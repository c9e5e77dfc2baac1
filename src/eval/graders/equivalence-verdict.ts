/** The outcome of comparing two normalised answers, with the rule that decided it (for `detail`). */
export interface Verdict {
  equal: boolean;
  detail: string;
}

export function same(detail: string): Verdict {
  return { equal: true, detail };
}

export function differ(detail: string): Verdict {
  return { equal: false, detail };
}
