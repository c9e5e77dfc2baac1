import { getLlama, type Llama, LlamaLogLevel } from "node-llama-cpp";

/**
 * One llama.cpp binding per process (and GPU choice). Its shared thread pool is left unlimited so
 * that each context can be given an explicit thread count: llama.cpp's default of max(cores, 4)
 * oversubscribes small machines and runs 20-70x slower on 2 cores.
 */
const runtimes = new Map<boolean, Promise<Llama>>();

export function llamaRuntime(gpu: boolean): Promise<Llama> {
  let runtime = runtimes.get(gpu);
  if (runtime == null) {
    runtime = getLlama({
      gpu: gpu ? "auto" : false,
      build: "never",
      maxThreads: 0,
      logLevel: LlamaLogLevel.error,
      progressLogs: false,
    });
    runtimes.set(gpu, runtime);
    runtime.catch(() => runtimes.delete(gpu));
  }
  return runtime;
}

/** Physical cores as llama.cpp counts them for math: the default thread count on CPU. */
export async function defaultThreadCount(gpu: boolean): Promise<number> {
  return Math.max(1, (await llamaRuntime(gpu)).cpuMathCores);
}
