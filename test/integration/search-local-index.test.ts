import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { Command } from "commander";
import type { CliIo } from "../../src/cli/cli-io.js";
import { registerIndexCommand, runIndexCommand } from "../../src/cli/index-command.js";
import { extractFile, type FileInput } from "../../src/files/extract-file.js";
import { indexFolder } from "../../src/search/index-folder.js";
import { createLocalIndexProvider } from "../../src/search/local-index-provider.js";
import { searchConfigFromEnv } from "../../src/search/search-config.js";
import { SearchIndexStore } from "../../src/store/search-index-store.js";
import { makeDocx, makePdf } from "../fixtures/search/make-documents.js";

let dir: string;
let docs: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "deepthink-index-"));
  docs = join(dir, "docs");
  mkdirSync(join(docs, "sub"), { recursive: true });
  mkdirSync(join(docs, ".hidden"));
  mkdirSync(join(docs, "node_modules"));
  writeFileSync(
    join(docs, "bm25.md"),
    "# BM25 ranking\n\nBM25 is a ranking function used by search engines to estimate the relevance of documents " +
      "to a given search query. BM25 ranking saturates term frequency and normalises document length.\n",
  );
  writeFileSync(
    join(docs, "bread.txt"),
    "How to bake bread: flour, water, salt and yeast. Knead, rest, shape, bake. Our bakery tops the city ranking.\n",
  );
  writeFileSync(
    join(docs, "sub", "fts5.html"),
    "<!doctype html><html><head><title>SQLite FTS5</title></head><body><nav>Home | Docs</nav><main>" +
      "<h1>FTS5</h1><p>FTS5 is an SQLite virtual table module that provides full-text search. " +
      "Results can be ordered by the built-in bm25() function.</p></main></body></html>",
  );
  writeFileSync(
    join(docs, "report.pdf"),
    await makePdf([["Quarterly sales report."], ["Revenue grew by 12 percent."]]),
  );
  writeFileSync(
    join(docs, "notes.docx"),
    await makeDocx("Meeting notes", [
      "The team discussed the **vector database** migration.",
      "Next meeting on Friday.",
    ]),
  );
  writeFileSync(join(docs, "chinese.md"), "# 搜索引擎\n\n搜索引擎使用倒排索引来快速查找包含关键词的文档。\n");
  writeFileSync(join(docs, ".hidden", "secret.md"), "BM25 secret BM25 ranking ranking\n");
  writeFileSync(join(docs, "node_modules", "pkg.md"), "BM25 ranking in a dependency\n");
  writeFileSync(join(docs, "photo.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]));
  writeFileSync(join(docs, "broken.pdf"), "%PDF-1.4 this is not a real pdf");
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("index a folder for real, then search it: BM25 puts the most relevant file first", async () => {
  const store = SearchIndexStore.open(join(dir, "index.db"));
  const events: string[] = [];
  const summary = await indexFolder(docs, { store, onProgress: (e) => events.push(`${e.action} ${e.path}`) });
  assert.equal(
    summary.files,
    7,
    "md, txt, html, pdf, docx, md, broken pdf; hidden, node_modules and png skipped",
  );
  assert.equal(summary.added, 6);
  assert.equal(summary.failed.length, 1);
  assert.equal(summary.failed[0]?.path, join(docs, "broken.pdf"));
  assert.match(summary.failed[0]?.message ?? "", /'broken\.pdf' is a PDF, but it could not be read/);
  assert.ok(!events.some((e) => e.includes(".hidden") || e.includes("node_modules")));

  const provider = createLocalIndexProvider(store);
  const ranked = await provider.search("bm25 ranking function for search", { count: 5 });
  assert.deepEqual(
    ranked.map((r) => r.title),
    ["BM25 ranking", "SQLite FTS5", "bread.txt"],
    "the BM25 article (every term), the FTS5 page (bm25, function, search), the bread (ranking only)",
  );
  const [top] = ranked;
  assert.equal(top?.url, pathToFileURL(join(docs, "bm25.md")).href);
  assert.equal(top?.source, "local");
  assert.match(top?.snippet ?? "", /BM25 is a ranking function/);
  assert.match(top?.content ?? "", /^# BM25 ranking\n\nBM25 is a ranking function/);

  assert.deepEqual(
    (await provider.search("quarterly revenue", { count: 5 })).map((r) => r.url),
    [pathToFileURL(join(docs, "report.pdf")).href],
  );
  const docx = await provider.search("vector database", { count: 5 });
  assert.equal(docx[0]?.title, "notes.docx");
  assert.match(docx[0]?.content ?? "", /The team discussed the vector database migration\./);
  assert.equal((await provider.search("倒排索引", { count: 5 }))[0]?.title, "搜索引擎");
  assert.equal(
    (await provider.search("ranks", { count: 5 }))[0]?.title,
    "BM25 ranking",
    "porter stems ranks→rank",
  );
  assert.deepEqual(await provider.search("!!", { count: 5 }), []);
  assert.equal((await provider.search("bm25 ranking", { count: 1 })).length, 1);
  store.close();
});

test("re-indexing reads only changed files: same size+time skipped, touched-but-same re-stamped, edits and deletions applied", async () => {
  const db = join(dir, "incremental.db");
  const store = SearchIndexStore.open(db);
  const extracted: string[] = [];
  const extract = (input: FileInput) => {
    extracted.push(input.name);
    return extractFile(input);
  };
  await indexFolder(docs, { store, extract });
  assert.equal(extracted.length, 7);

  extracted.length = 0;
  const again = await indexFolder(docs, { store, extract });
  assert.deepEqual([again.added, again.updated, again.unchanged, again.removed], [0, 0, 6, 0]);
  assert.deepEqual(extracted, ["broken.pdf"], "only the file that failed is tried again");

  const later = new Date(Date.now() + 60_000);
  utimesSync(join(docs, "bm25.md"), later, later); // touched, same bytes
  writeFileSync(join(docs, "bread.txt"), "Sourdough needs a starter, flour and patience.\n");
  rmSync(join(docs, "notes.docx"));
  extracted.length = 0;
  const third = await indexFolder(docs, { store, extract });
  assert.deepEqual([third.added, third.updated, third.unchanged, third.removed], [0, 1, 4, 1]);
  assert.deepEqual(extracted.sort(), ["bread.txt", "broken.pdf"], "bm25.md was hashed, not extracted");

  const provider = createLocalIndexProvider(store);
  assert.deepEqual(await provider.search("vector database", { count: 5 }), [], "the deleted file is gone");
  assert.equal((await provider.search("sourdough starter", { count: 5 }))[0]?.title, "bread.txt");
  assert.deepEqual(
    await provider.search("bakery", { count: 5 }),
    [],
    "the old text of the edited file is gone",
  );
  assert.deepEqual(store.counts().documents, 5);
  store.close();
});

function captureIo(env: Record<string, string | undefined> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env, fetch: globalThis.fetch };
  return { io, out: () => out, err: () => err };
}

test("deepthink index <folder> --db: progress per changed file on stderr, the summary on stdout", async () => {
  const db = join(dir, "cli.db");
  const first = captureIo();
  await runIndexCommand(docs, { db }, first.io);
  assert.match(first.err(), new RegExp(`^\\+ ${join(docs, "bm25.md").replace(/[/\\.]/g, "\\$&")}$`, "m"));
  assert.match(first.err(), /^! .*broken\.pdf: File 'broken\.pdf' is a PDF, but it could not be read/m);
  assert.match(
    first.out(),
    /^Indexed .*docs: 6 files \(5 added, 0 updated, 0 unchanged, 0 removed, 0 skipped, 1 failed\)\.\n/,
  );
  assert.match(first.out(), /holds 5 documents in \d+ passages\.\n$/);

  // Through commander, as `deepthink index` will be registered.
  const second = captureIo({ DEEPTHINK_HOME: join(dir, "home") });
  const program = new Command("deepthink").exitOverride();
  registerIndexCommand(program, second.io);
  await program.parseAsync(["index", docs, "--json"], { from: "user" });
  const summary = JSON.parse(second.out()) as { db: string; added: number; documents: number };
  assert.equal(summary.db, join(dir, "home", "index.db"), "default: $DEEPTHINK_HOME/index.db");
  assert.equal(summary.added, 5);
  assert.equal(summary.documents, 5);
  process.exitCode = 0; // the broken PDF set it to 1, as the command should; this test passes
});

test("the local index is the search provider when DEEPTHINK_SEARCH_INDEX points at it", async () => {
  const config = searchConfigFromEnv({ DEEPTHINK_SEARCH_INDEX: join(dir, "cli.db") });
  try {
    assert.equal(config.provider.name, "local");
    assert.equal((await config.provider.search("bm25", { count: 3 }))[0]?.title, "BM25 ranking");
  } finally {
    config.close();
  }
  assert.throws(
    () =>
      searchConfigFromEnv({
        DEEPTHINK_SEARCH_PROVIDER: "local",
        DEEPTHINK_SEARCH_INDEX: join(dir, "none.db"),
      }),
    {
      message: `There is no search index at ${join(dir, "none.db")}.`,
      hint: "build one with: deepthink index <folder>",
    },
  );
  await assert.rejects(indexFolder(join(docs, "bm25.md"), { store: SearchIndexStore.open(":memory:") }), {
    code: "invalid_argument",
    message: `${join(docs, "bm25.md")} is not a folder.`,
  });
});
