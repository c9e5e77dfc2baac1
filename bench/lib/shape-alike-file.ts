/**
 * The default benchmark model: a random-weight GGUF with the exact shapes and quant mix of
 * DeepSeek-R1-Distill-Qwen-1.5B Q4_K_M (about 1.1 GB), written once and reused. It lives in
 * `$DEEPTHINK_HOME/bench/` when DEEPTHINK_HOME is set, else in the system temp folder; never in the repo.
 */
import { stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModelsHome } from "../../src/models/home.js";
import { writeTestModel } from "../../src/test-model/index.js";

const SHAPE = "r1-distill-qwen-1.5b";
const QUANT = "q4_k_m";

export function defaultBenchFolder(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DEEPTHINK_HOME != null && env.DEEPTHINK_HOME.trim() !== "";
  return configured ? join(loadModelsHome(env).home, "bench") : join(tmpdir(), "deepthink-bench");
}

/** Path of the shape-alike file, written first if missing (writes go to a temp name, then rename). */
export async function shapeAlikeModel(log: (line: string) => void): Promise<string> {
  const path = join(defaultBenchFolder(), `${SHAPE}-random-${QUANT}.gguf`);
  if (await exists(path)) {
    log(`reusing ${path}`);
    return path;
  }
  log(`writing ${path} (shape-alike ${SHAPE} ${QUANT}, about 1.1 GB)`);
  let lastTenth = -1;
  const written = await writeTestModel({
    out: path,
    shape: SHAPE,
    quant: QUANT,
    onProgress: (done, total) => {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        log(`  ${tenth * 10} %`);
      }
    },
  });
  log(`wrote ${(written.bytes / 1e9).toFixed(2)} GB in ${written.seconds.toFixed(0)} s`);
  return path;
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).size > 0;
  } catch {
    return false;
  }
}
