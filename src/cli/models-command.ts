/**
 * `deepthink models [--json] [--all]`: the R1 family, what is on disk, and what fits this machine.
 * Also the pieces the model commands share: their injected effects (`ModelCliDeps`) and the one-line
 * error report (`error: …` / `hint: …`, exit code 1, never a stack trace).
 */
import { totalmem } from "node:os";
import type { Command } from "commander";
import { DeepthinkError, toDeepthinkError } from "../errors.js";
import { type Env, loadModelsHome } from "../models/home.js";
import { type ListedQuant, listModels, type ModelList } from "../models/list-models.js";
import { formatBytes, type ProgressStream } from "./progress-bar.js";

export interface ModelCliDeps {
  env: Env;
  stdout: ProgressStream;
  stderr: ProgressStream;
  fetch?: typeof fetch;
  /** This machine's memory; defaults to `os.totalmem()`. */
  totalMemoryBytes?: () => number;
  now?: () => number;
  /** Defaults to setting `process.exitCode`. */
  setExitCode?: (code: number) => void;
  /** Run `handler` on Ctrl-C; returns the unsubscribe. Defaults to `process.once("SIGINT")`. */
  onInterrupt?: (handler: () => void) => () => void;
  cwd?: string;
  homedir?: string;
}

/** Print `error: …` and `hint: …` to stderr (the stack only with DEEPTHINK_DEBUG=1) and set the exit code. */
export function reportCliError(error: unknown, deps: ModelCliDeps, exitCode = 1): void {
  const typed = error instanceof DeepthinkError ? error : toDeepthinkError(error);
  deps.stderr.write(`error: ${typed.message}\n`);
  if (typed.hint != null) deps.stderr.write(`hint: ${typed.hint}\n`);
  if (deps.env.DEEPTHINK_DEBUG === "1" && error instanceof Error) deps.stderr.write(`${error.stack}\n`);
  (deps.setExitCode ?? ((code: number) => (process.exitCode = code)))(exitCode);
}

function diskText(quant: ListedQuant): string {
  if (quant.state === "downloaded") return "yes";
  if (quant.state === "partial") return `partial ${Math.floor(quant.percent ?? 0)}%`;
  return "-";
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The human-readable listing. */
export function renderModelList(list: ModelList, all: boolean): string {
  const rows = [["ALIAS", "PARAMS", "QUANT", "SIZE", "RAM", "ON DISK", "FITS"]];
  for (const { entry, quants } of list.models) {
    const shown = quants.filter((quant) => all || quant.isDefault || quant.state !== "missing");
    for (const quant of shown) {
      const params =
        entry.activeParameters != null
          ? `${entry.parameters} (${entry.activeParameters} active)`
          : entry.parameters;
      rows.push([
        entry.alias,
        params,
        quant.quant + (quant.parts > 1 ? ` (${quant.parts} parts)` : ""),
        formatBytes(quant.sizeBytes),
        formatBytes(quant.ramBytes),
        diskText(quant),
        quant.fit,
      ]);
    }
  }
  const lines = [table(rows), ""];
  lines.push(
    `RAM: estimated for a context of ${list.contextTokens} tokens; this machine has ${formatBytes(list.totalMemoryBytes)}.`,
    `Models folder: ${list.modelsDir}`,
  );
  if (!all)
    lines.push("Every quantisation: deepthink models --all. Download: deepthink pull <alias>[:QUANT].");
  if (list.stray.length > 0) {
    lines.push("", "Other GGUF files in the models folder:");
    for (const stray of list.stray) {
      lines.push(
        `  ${stray.path}  ${formatBytes(stray.sizeBytes)}${stray.parts > 1 ? ` (${stray.parts} parts)` : ""}`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

/** The listing as JSON: every quantisation, sizes in bytes. */
export function modelListJson(list: ModelList): unknown {
  return {
    modelsDir: list.modelsDir,
    totalMemoryBytes: list.totalMemoryBytes,
    contextTokens: list.contextTokens,
    models: list.models.map(({ entry, quants }) => ({
      alias: entry.alias,
      aliases: entry.aliases,
      displayName: entry.displayName,
      originalRepo: entry.originalRepo,
      parameters: entry.parameters,
      activeParameters: entry.activeParameters ?? null,
      base: entry.base,
      architecture: entry.architecture,
      contextLength: entry.contextLength,
      ggufRepo: entry.gguf.repo,
      defaultQuant: entry.gguf.defaultQuant,
      quants: quants.map((quant) => ({ ...quant, percent: quant.percent ?? null, path: quant.path ?? null })),
    })),
    stray: list.stray,
  };
}

export function registerModelsCommand(program: Command, deps: ModelCliDeps): Command {
  return program
    .command("models")
    .description(
      "list the DeepSeek-R1 models: size, memory needed, downloaded or not, fits this machine or not",
    )
    .option("--json", "print JSON (every quantisation, sizes in bytes)")
    .option("--all", "show every quantisation, not only the default and downloaded ones")
    .action(async (options: { json?: boolean; all?: boolean }) => {
      try {
        const home = loadModelsHome(deps.env, { homedir: deps.homedir, cwd: deps.cwd });
        const list = await listModels({ home, totalMemoryBytes: (deps.totalMemoryBytes ?? totalmem)() });
        deps.stdout.write(
          options.json === true
            ? `${JSON.stringify(modelListJson(list), null, 2)}\n`
            : renderModelList(list, options.all === true),
        );
      } catch (error) {
        reportCliError(error, deps);
      }
    });
}
