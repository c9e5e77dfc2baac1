import { InsufficientMemoryError, type Llama, type LlamaContext, type LlamaModel } from "node-llama-cpp";
import { DeepthinkError } from "../../errors.js";
import { defaultThreadCount, llamaRuntime } from "./llama-runtime.js";
import { validateGgufFile } from "./validate-gguf.js";

export interface LoadOptions {
  modelPath: string;
  /** Parallel sequences sharing one context (continuous batching). Default 2. */
  parallel?: number;
  /** CPU threads; default: the physical cores llama.cpp counts, never its oversubscribing default. */
  threads?: number;
  /** Context per sequence, in tokens. Default: min(the model's training context, 8192). */
  contextSize?: number;
  batchSize?: number;
  /**
   * Memory-map the weights. Off by default: on small VMs a reclaimed file cache stalls tokens for
   * 0.2-1.2 s at random (measured), and reading the file into memory costs nothing extra at run time.
   */
  useMmap?: boolean;
  /** Offload to a GPU when one is found. Default true. */
  gpu?: boolean;
  onLoadProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface LoadedModel {
  llama: Llama;
  model: LlamaModel;
  context: LlamaContext;
}

export const DEFAULT_CONTEXT_SIZE = 8192;
export const DEFAULT_PARALLEL = 2;

export async function loadLlamaModel(options: LoadOptions): Promise<LoadedModel> {
  // llama.cpp aborts the whole process on some malformed headers: check the file first.
  await validateGgufFile(options.modelPath);
  const gpu = options.gpu ?? true;
  const llama = await llamaRuntime(gpu);
  const threads = options.threads ?? (await defaultThreadCount(gpu));
  let model: LlamaModel;
  try {
    model = await llama.loadModel({
      modelPath: options.modelPath,
      useMmap: options.useMmap ?? false,
      ...(options.onLoadProgress != null ? { onLoadProgress: options.onLoadProgress } : {}),
      ...(options.signal != null ? { loadSignal: options.signal } : {}),
    });
  } catch (error) {
    throw loadError(options.modelPath, "load the model", error);
  }
  const parallel = options.parallel ?? DEFAULT_PARALLEL;
  const contextSize = Math.min(model.trainContextSize, options.contextSize ?? DEFAULT_CONTEXT_SIZE);
  try {
    const context = await model.createContext({
      sequences: parallel,
      contextSize,
      threads,
      ...(options.batchSize != null ? { batchSize: options.batchSize } : {}),
      ...(options.signal != null ? { createSignal: options.signal } : {}),
    });
    return { llama, model, context };
  } catch (error) {
    await model.dispose();
    throw loadError(options.modelPath, `create a context of ${parallel} × ${contextSize} tokens`, error);
  }
}

function loadError(path: string, what: string, error: unknown): DeepthinkError {
  const reason = error instanceof Error ? error.message : String(error);
  const memory = error instanceof InsufficientMemoryError || /memory/i.test(reason);
  return new DeepthinkError("model_load_failed", `Could not ${what} for ${path}: ${reason}`, {
    cause: error,
    hint: memory
      ? "Not enough memory: lower --ctx or --parallel, or pick a smaller quantisation (deepthink models)."
      : "Check that the file is a complete GGUF model (deepthink pull resumes a partial download).",
  });
}
