import { z } from "zod";

/** What a finished or failed test looks like, wherever it was decided (driver or watchdog). */
export type TestVerdict = "pass" | "wrong" | "timeout" | "runtime-error" | "compile-error" | "not-run";

export interface TestOutcome {
  verdict: TestVerdict;
  /** Time spent in the program for this test (the call only, as LiveCodeBench measures), rounded. */
  ms: number;
  detail?: string;
}

const eventSchema = z.discriminatedUnion("e", [
  z.object({ e: z.literal("ready") }),
  z.object({ e: z.literal("compile") }),
  z.object({ e: z.literal("start"), i: z.number().int().nonnegative() }),
  z.object({
    e: z.literal("result"),
    i: z.number().int().nonnegative(),
    verdict: z.enum(["pass", "wrong", "timeout", "runtime-error", "compile-error"]),
    ms: z.number().nonnegative(),
    detail: z.string().nullish(),
  }),
  z.object({ e: z.literal("bad-tests"), detail: z.string() }),
  z.object({ e: z.literal("done") }),
]);

/** One line the driver wrote on its event fd. */
export type DriverEvent = z.infer<typeof eventSchema>;

/**
 * The event on one line of driver output, or null for anything else. Only lines that start with the
 * job's nonce count: the program shares the process with the driver, and text it manages to write to the
 * event fd without knowing the nonce is ignored.
 */
export function parseDriverLine(line: string, nonce: string): DriverEvent | null {
  if (!line.startsWith(nonce)) return null;
  let value: unknown;
  try {
    value = JSON.parse(line.slice(nonce.length));
  } catch {
    return null;
  }
  const parsed = eventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
