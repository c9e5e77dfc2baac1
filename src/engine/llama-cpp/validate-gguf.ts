/**
 * Checks a GGUF file before llama.cpp sees it. llama.cpp aborts the whole process (GGML_ASSERT, not an
 * exception) on some malformed headers: a missing head_count or feed_forward_length, duplicate token texts,
 * block_count 0, an unknown rope scaling type, bad expert counts. So this reads the header itself, bounded by
 * the file size (gguf-header-reader.ts), checks it describes a loadable model (gguf-model-checks.ts), and
 * turns every problem into one `invalid_model_file` error that names the file and what is wrong. This file
 * resolves split models (every part is read; the model checks run on the first) and builds the summary.
 */
import { stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DeepthinkError } from "../../errors.js";
import { readGgufHeader } from "./gguf-header-reader.js";
import { checkModel, type ModelFacts } from "./gguf-model-checks.js";
import { Problem } from "./gguf-problem.js";

/** The model facts (gguf-model-checks.ts) plus what comes from the file(s) as a whole. */
export interface GgufSummary extends ModelFacts {
  /** Absolute path; the first part for a split model. */
  path: string;
  tensorCount: number;
  /** Elements in all tensors (embeddings and output included). */
  parameterCount: number;
  /** Bytes on disk, all parts together. */
  sizeBytes: number;
  ggufVersion: number;
  isSplit: boolean;
  /** Every part in order (just `path` when not split). */
  parts: string[];
}

const VOCAB_ONLY = "has no tensors: it is a vocabulary-only GGUF, not a model";
const VOCAB_ONLY_HINT = "Pass a model file with weights.";
const SPLIT = /-(\d{5})-of-(\d{5})\.gguf$/i;

export async function validateGgufFile(path: string): Promise<GgufSummary> {
  const full = resolve(path);
  const fail = (what: string, hint: string, cause?: unknown) =>
    new DeepthinkError("invalid_model_file", `${path}: ${what}`, {
      hint,
      ...(cause != null ? { cause } : {}),
    });
  const entry = await stat(full).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT"
      ? fail("no such file", "Check the path, or download the model first.", error)
      : fail(`cannot read it (${error.code ?? error.message})`, "Check the file's permissions.", error);
  });
  if (entry.isDirectory())
    throw fail("is a directory, not a GGUF file", "Pass the path of the .gguf file inside it.");
  if (!entry.isFile()) throw fail("is not a regular file", "Pass the path of a .gguf file.");

  const split = SPLIT.exec(basename(full));
  const partCount = split != null ? Number(split[2]) : 1;
  const parts = Array.from({ length: partCount }, (_, i) =>
    split != null
      ? join(
          dirname(full),
          basename(full).replace(SPLIT, `-${String(i + 1).padStart(5, "0")}-of-${split[2]}.gguf`),
        )
      : full,
  );
  if (split != null && Number(split[1]) !== 1) {
    throw fail(
      `is part ${Number(split[1])} of ${partCount} of a split model`,
      `Pass the first part: ${parts[0]}`,
    );
  }
  let facts: ModelFacts | undefined;
  let ggufVersion = 0;
  let tensorCount = 0;
  let parameterCount = 0;
  let sizeBytes = 0;
  for (const [i, part] of parts.entries()) {
    const label = i === 0 ? "" : `part ${i + 1} of ${partCount} (${part}): `;
    const exists = await stat(part).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists)
      throw fail(
        `split model is missing part ${i + 1} of ${partCount}: ${part}`,
        "Download every part into the same folder.",
      );
    try {
      const header = await readGgufHeader(part);
      if (i === 0) {
        if (partCount === 1 && header.tensorCount === 0) throw new Problem(VOCAB_ONLY, VOCAB_ONLY_HINT);
        facts = checkModel(header.meta);
        ggufVersion = header.version;
      }
      tensorCount += header.tensorCount;
      parameterCount += header.parameterCount;
      sizeBytes += header.sizeBytes;
    } catch (error) {
      if (error instanceof Problem) throw fail(label + error.message, error.hint);
      const why = error instanceof Error ? error.message : String(error);
      throw fail(`${label}cannot be read (${why})`, "Check the file and its permissions.", error);
    }
  }
  if (tensorCount === 0) throw fail(VOCAB_ONLY, VOCAB_ONLY_HINT);
  return {
    path: full,
    ...facts!,
    tensorCount,
    parameterCount,
    sizeBytes,
    ggufVersion,
    isSplit: split != null,
    parts,
  };
}
