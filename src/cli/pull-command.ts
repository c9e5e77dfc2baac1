/**
 * `deepthink pull <alias | hf:user/repo:QUANT | hf:user/repo/file.gguf | URL> [--quant Q]`: download a
 * model into the models folder with a progress bar (TTY) or periodic lines (logs). Ctrl-C stops it,
 * keeps the partial file, and says how to resume.
 */
import type { Command } from "commander";
import { DeepthinkError } from "../errors.js";
import { loadModelsHome } from "../models/home.js";
import { formatModelRef, parseModelRef } from "../models/model-ref.js";
import { type PullProgress, pullModel } from "../models/pull.js";
import { type ModelCliDeps, reportCliError } from "./models-command.js";
import { createProgressReporter, formatBytes } from "./progress-bar.js";

/** The exit code of a process stopped by Ctrl-C (128 + SIGINT). */
const INTERRUPTED_EXIT_CODE = 130;

function defaultOnInterrupt(handler: () => void): () => void {
  process.once("SIGINT", handler);
  return () => process.off("SIGINT", handler);
}

async function pull(model: string, quant: string | undefined, deps: ModelCliDeps): Promise<void> {
  const home = loadModelsHome(deps.env, { homedir: deps.homedir, cwd: deps.cwd });
  const ref = parseModelRef(model, { quant, cwd: deps.cwd, homedir: deps.homedir });
  const name = formatModelRef(ref);
  const controller = new AbortController();
  const unsubscribe = (deps.onInterrupt ?? defaultOnInterrupt)(() => controller.abort());
  const reporter = createProgressReporter({
    stream: deps.stderr,
    label: `downloading ${name}`,
    now: deps.now,
  });
  try {
    const result = await pullModel(ref, {
      home,
      env: deps.env,
      fetch: deps.fetch,
      now: deps.now,
      signal: controller.signal,
      onProgress: (progress: PullProgress) =>
        reporter.update({
          done: progress.bytesDone,
          total: progress.bytesTotal,
          bytesPerSecond: progress.bytesPerSecond,
          etaSeconds: progress.etaSeconds,
          detail:
            progress.fileCount > 1 ? `[part ${progress.fileIndex + 1}/${progress.fileCount}]` : undefined,
        }),
    });
    reporter.stop();
    const parts = result.files.length > 1 ? ` (${result.files.length} parts)` : "";
    deps.stdout.write(
      result.alreadyPresent
        ? `${name} is already downloaded: ${result.path}${parts}\n`
        : `pulled ${name} (${formatBytes(result.downloadedBytes)} downloaded): ${result.path}${parts}\n`,
    );
  } catch (error) {
    reporter.stop();
    if (error instanceof DeepthinkError && error.code === "aborted") {
      deps.stderr.write(
        `stopped: ${error.message}\nhint: run \`deepthink pull ${name}\` again to resume (partial files are kept in ${home.modelsDir})\n`,
      );
      (deps.setExitCode ?? ((code: number) => (process.exitCode = code)))(INTERRUPTED_EXIT_CODE);
      return;
    }
    throw error;
  } finally {
    unsubscribe();
  }
}

export function registerPullCommand(program: Command, deps: ModelCliDeps): Command {
  return program
    .command("pull")
    .description("download a model: a catalog alias, hf:user/repo:QUANT, hf:user/repo/file.gguf or a URL")
    .argument(
      "<model>",
      "alias (see `deepthink models`), hf:user/repo:QUANT, hf:user/repo/path.gguf or https URL",
    )
    .option("--quant <quant>", "quantisation to download, e.g. Q4_K_M, Q8_0, UD-IQ1_S")
    .action(async (model: string, options: { quant?: string }) => {
      try {
        await pull(model, options.quant, deps);
      } catch (error) {
        reportCliError(error, deps);
      }
    });
}
