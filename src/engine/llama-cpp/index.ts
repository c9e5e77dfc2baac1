export { createLlamaCppEngine, type LlamaCppEngineOptions } from "./llama-cpp-engine.js";
export { DEFAULT_CONTEXT_SIZE, DEFAULT_PARALLEL, type LoadOptions } from "./load-model.js";
export { validateGgufFile } from "./validate-gguf.js";
