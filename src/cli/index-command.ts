/**
 * `deepthink index <folder> [--db file] [--json]`: build or update the local search index (the offline
 * search provider). Progress goes to stderr, one line per file that changed (a counter on a terminal);
 * the summary goes to stdout.
 */
import type { Command } from "commander";
import { type IndexProgress, type IndexSummary, indexFolder } from "../search/index-folder.js";
import { defaultSearchIndexPath, SearchIndexStore } from "../store/search-index-store.js";
import type { CliIo } from "./cli-io.js";

interface IndexFlags {
  db?: string;
  json?: boolean;
}

const MARK: Readonly<Record<IndexProgress["action"], string>> = {
  added: "+",
  updated: "~",
  removed: "-",
  failed: "!",
  skipped: "?",
  unchanged: " ",
};

export function registerIndexCommand(program: Command, io: CliIo): void {
  program
    .command("index")
    .description("build or update the local search index of a folder (search without internet)")
    .argument("<folder>", "the folder of documents: text, Markdown, code, CSV, JSON, HTML, PDF, DOCX")
    .option("--db <file>", "the index file (default: $DEEPTHINK_HOME/index.db)")
    .option("--json", "print the summary as one JSON object")
    .action(async (folder: string, flags: IndexFlags) => {
      const summary = await runIndexCommand(folder, flags, io);
      if (summary.failed.length > 0) process.exitCode = 1;
    });
}

export async function runIndexCommand(folder: string, flags: IndexFlags, io: CliIo): Promise<IndexSummary> {
  const dbPath = flags.db ?? defaultSearchIndexPath(io.env);
  const store = SearchIndexStore.open(dbPath);
  const tty = io.stderr.isTTY === true;
  let counterShown = false;
  const onProgress = (event: IndexProgress) => {
    if (event.action === "unchanged") {
      if (tty) {
        io.stderr.write(`\r\x1b[K${event.done}/${event.total} files checked`);
        counterShown = true;
      }
      return;
    }
    const clear = counterShown ? "\r\x1b[K" : "";
    counterShown = false;
    const detail = event.message != null ? `: ${event.message}` : "";
    io.stderr.write(`${clear}${MARK[event.action]} ${event.path}${detail}\n`);
  };
  try {
    const summary = await indexFolder(folder, { store, onProgress });
    if (counterShown) io.stderr.write("\r\x1b[K");
    const counts = store.counts();
    if (flags.json === true) {
      io.stdout.write(`${JSON.stringify({ ...summary, db: dbPath, ...counts })}\n`);
    } else {
      io.stdout.write(
        `Indexed ${summary.root}: ${summary.files} files (${summary.added} added, ${summary.updated} updated, ` +
          `${summary.unchanged} unchanged, ${summary.removed} removed, ${summary.skipped} skipped, ` +
          `${summary.failed.length} failed).\n` +
          `The index ${dbPath} holds ${counts.documents} documents in ${counts.chunks} passages.\n`,
      );
    }
    return summary;
  } finally {
    store.close();
  }
}
