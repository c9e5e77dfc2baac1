/**
 * Request bodies and ids at the chat API's edge: bytes → JSON through the server's one JSON helper, then a
 * zod schema; a failure becomes `invalid_request` naming the field, like every other API error.
 */
import type { Context } from "hono";
import type { z } from "zod";
import { DeepthinkError } from "../../errors.js";
import type { AppEnv } from "../app-env.js";
import { HttpProblem, plainHttpError } from "../http-errors.js";
import { readJsonBody } from "../read-json-body.js";

/** Chat bodies are short texts; a megabyte is generous. */
const MAX_BODY_BYTES = 1024 * 1024;

/** `optional`: an empty body reads as `undefined` (for bodies whose every field is optional). */
export async function parseBody<T>(
  c: Context<AppEnv>,
  schema: z.ZodType<T>,
  optional = false,
  maxBytes = MAX_BODY_BYTES,
): Promise<T> {
  const empty = optional && (c.req.raw.body == null || c.req.header("content-length") === "0");
  const value = empty ? undefined : await readJsonBody(c.req.raw, maxBytes);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue != null && issue.path.length > 0 ? issue.path.join(".") : undefined;
  const message = issue != null ? `${param != null ? `${param}: ` : ""}${issue.message}` : "invalid body";
  throw new DeepthinkError("invalid_request", `The request body is not valid: ${message}.`, {
    ...(param != null ? { param } : {}),
  });
}

/** 404 for a conversation or message id that does not exist (or no longer does). */
export function notFound(what: "conversation" | "message" | "attachment", id: string): HttpProblem {
  return new HttpProblem(plainHttpError(404, `There is no ${what} '${id}'.`, `${what}_not_found`));
}

export function parseQuery<T>(c: Context<AppEnv>, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const param = issue?.path.join(".") ?? "query";
  throw new DeepthinkError(
    "invalid_request",
    `The query parameter ${param} is not valid: ${issue?.message}.`,
    {
      param,
    },
  );
}
