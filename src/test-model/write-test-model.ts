/**
 * Writes a test model to disk: a tiny model (random or scripted) or a shape-alike of a real model.
 * The file is written under a temporary name and renamed into place, so a reader (a parallel test process,
 * a benchmark) never sees a half-written file.
 */
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { DeepthinkError } from "../errors.js";
import {
  buildShapeAlikeModel,
  MODEL_SHAPES,
  type ShapeAlikeInfo,
  type ShapeAlikeOptions,
} from "./shape-alike.js";
import { buildTinyModel, type TinyModelInfo, type TinyModelOptions } from "./tiny-model.js";

interface OutputOptions {
  /** Path of the .gguf file to write; parent folders are created. */
  out: string;
  /** Write only the header and tensor infos (shapes without data: readable, deliberately truncated). */
  headerOnly?: boolean;
  onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

export type WriteTestModelOptions =
  | (TinyModelOptions & OutputOptions & { shape?: undefined })
  | (ShapeAlikeOptions & OutputOptions);

export type WrittenTestModel = (TinyModelInfo | ShapeAlikeInfo) & {
  path: string;
  /** Bytes written. */
  bytes: number;
  /** Bytes of the complete file (equal to `bytes` unless headerOnly). */
  fullBytes: number;
  headerOnly: boolean;
  seconds: number;
};

let tempCounter = 0;

export async function writeTestModel(options: WriteTestModelOptions): Promise<WrittenTestModel> {
  const started = performance.now();
  const { writer, info } = options.shape != null ? buildShapeAlike(options) : buildTiny(options);
  const path = resolve(options.out);
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}-${++tempCounter}.tmp`;
  try {
    const layout = await writer.writeFile(temp, {
      headerOnly: options.headerOnly === true,
      ...(options.onProgress != null ? { onProgress: options.onProgress } : {}),
    });
    await rename(temp, path);
    const bytes = options.headerOnly === true ? layout.header.length : layout.totalBytes;
    return {
      ...info,
      path,
      bytes,
      fullBytes: layout.totalBytes,
      headerOnly: options.headerOnly === true,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const invalid = (param: string, message: string, hint?: string) =>
  new DeepthinkError("invalid_argument", message, { param, ...(hint != null ? { hint } : {}) });

function isCount(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

function buildTiny(options: TinyModelOptions): ReturnType<typeof buildTinyModel> {
  if (options.arch != null && options.arch !== "qwen2" && options.arch !== "llama") {
    throw invalid("arch", `arch must be qwen2 or llama, got ${JSON.stringify(options.arch)}`);
  }
  if (options.template != null && !["r1", "r1-think", "none"].includes(options.template)) {
    throw invalid(
      "template",
      `template must be r1, r1-think or none, got ${JSON.stringify(options.template)}`,
    );
  }
  if (options.contextLength != null && !isCount(options.contextLength, 0xffffffff)) {
    throw invalid("contextLength", `contextLength must be a positive integer, got ${options.contextLength}`);
  }
  if (
    options.seed != null &&
    !(Number.isInteger(options.seed) && options.seed >= 0 && options.seed <= 0xffffffff)
  ) {
    throw invalid("seed", `seed must be an integer from 0 to 4294967295, got ${options.seed}`);
  }
  return buildTinyModel(options);
}

function buildShapeAlike(options: ShapeAlikeOptions): ReturnType<typeof buildShapeAlikeModel> {
  const shape = MODEL_SHAPES[options.shape];
  if (shape == null) {
    const known = Object.keys(MODEL_SHAPES).join(", ");
    throw invalid("shape", `unknown shape ${JSON.stringify(options.shape)}`, `Known shapes: ${known}.`);
  }
  if (options.quant != null && !["q4_k_m", "q4_0", "q8_0"].includes(options.quant)) {
    throw invalid("quant", `quant must be q4_k_m, q4_0 or q8_0, got ${JSON.stringify(options.quant)}`);
  }
  if (options.template != null && options.template !== "r1" && options.template !== "r1-think") {
    throw invalid("template", `template must be r1 or r1-think, got ${JSON.stringify(options.template)}`);
  }
  if (options.layers != null && !isCount(options.layers, 512)) {
    throw invalid("layers", `layers must be an integer from 1 to 512, got ${options.layers}`);
  }
  return buildShapeAlikeModel(options);
}
