/**
 * Paths to generated test models, written once per distinct options into a cache folder under the OS temp
 * dir. The file name holds a hash of the options and of the generator's source, so a changed generator
 * never serves a stale file. writeTestModel writes to a temporary name and renames, so parallel test
 * processes never see a half-written file (and both write identical bytes: weights are seeded).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateChoice, TinyArch } from "../../src/test-model/tiny-model.js";
import { writeTestModel } from "../../src/test-model/write-test-model.js";

/** The reference script: thinks "hm", answers "OK". */
export const DEFAULT_REPLY = "<think>\nhm</think>OK";

export interface TestModelOptions {
  template?: TemplateChoice;
  arch?: TinyArch;
  seed?: number;
  contextLength?: number;
}

export interface ScriptedModelOptions extends TestModelOptions {
  /** Raw model output after `<｜Assistant｜>`, e.g. `<think>\nsum</think>\boxed{4}`. */
  reply?: string;
}

export const TEST_MODEL_CACHE_DIR = join(tmpdir(), "deepthink-test-models");

let generatorHash: string | undefined;
const pending = new Map<string, Promise<string>>();

function generatorVersion(): string {
  if (generatorHash == null) {
    const dir = fileURLToPath(new URL("../../src/test-model/", import.meta.url));
    const hash = createHash("sha256");
    for (const name of readdirSync(dir).sort()) hash.update(name).update(readFileSync(join(dir, name)));
    generatorHash = hash.digest("hex").slice(0, 12);
  }
  return generatorHash;
}

async function cachedModel(prefix: string, options: ScriptedModelOptions): Promise<string> {
  const key = JSON.stringify([
    generatorVersion(),
    options.reply,
    options.template,
    options.arch,
    options.seed,
    options.contextLength,
  ]);
  const path = join(
    TEST_MODEL_CACHE_DIR,
    `${prefix}-${createHash("sha256").update(key).digest("hex").slice(0, 16)}.gguf`,
  );
  let promise = pending.get(path);
  if (promise == null) {
    promise = existsSync(path)
      ? Promise.resolve(path)
      : writeTestModel({ ...options, out: path }).then((written) => written.path);
    pending.set(path, promise);
    promise.catch(() => pending.delete(path));
  }
  return promise;
}

/** A tiny model whose weights make it answer exactly `reply` (default {@link DEFAULT_REPLY}). */
export function scriptedModelPath(options: ScriptedModelOptions = {}): Promise<string> {
  return cachedModel("scripted", { ...options, reply: options.reply ?? DEFAULT_REPLY });
}

/** A tiny model with random weights (garbage output; for lifecycle and throughput tests). */
export function randomModelPath(options: TestModelOptions = {}): Promise<string> {
  return cachedModel("random", { ...options, reply: undefined });
}
