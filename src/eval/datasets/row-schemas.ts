/** Small zod pieces shared by the benchmark row schemas. */
import { z } from "zod";

/** A text-or-number cell (AIME answers and ids arrive as strings, numbers or int64 bigints). */
export const textOrNumber = z
  .union([z.string(), z.number(), z.bigint()], { error: "expected text or a number" })
  .transform((value) => String(value).trim());

export const nonEmptyText = z.string({ error: "expected text" }).refine((s) => s.trim() !== "", "is empty");
