import type { Readable, Writable } from "node:stream";
import { InvalidArgumentError } from "commander";
import { isDeepthinkError } from "../errors.js";

/** Everything a command touches outside itself, so tests can drive commands in-process. */
export interface CliIo {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  stdin: Readable & { isTTY?: boolean };
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
}

export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    fetch: globalThis.fetch,
  };
}

/** One clear line (and a hint line) for a person; a stack trace only with DEEPTHINK_DEBUG=1. */
export function printError(io: CliIo, error: unknown): void {
  if (isDeepthinkError(error)) {
    io.stderr.write(`error: ${error.message}\n`);
    if (error.hint != null) io.stderr.write(`hint: ${error.hint}\n`);
  } else {
    io.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  if (io.env["DEEPTHINK_DEBUG"] === "1" && error instanceof Error && error.stack != null) {
    io.stderr.write(`${error.stack}\n`);
  }
}

export function parseIntOption(min: number, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

export function parseFloatOption(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected a number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** `--thinking on | off | <budget tokens>`. */
export function parseThinkingOption(value: string): ThinkingFlag {
  if (value === "on" || value === "off") return value;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0) return n;
  throw new InvalidArgumentError("expected on, off, or a budget of reasoning tokens (a whole number).");
}

export type ThinkingFlag = "on" | "off" | number;

export async function readAll(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString("utf8");
}
