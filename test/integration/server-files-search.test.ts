/**
 * Files and web search over the API (docs/files-and-search.md), through the official `openai` SDK: the
 * real server, a scripted tiny model (byte-level vocabulary: about one token per byte, so the search
 * template alone is ~2,000 tokens), and the local index provider on a temporary folder, so nothing
 * leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import OpenAI from "openai";
import { indexFolder } from "../../src/search/index-folder.js";
import { SearchIndexStore } from "../../src/store/search-index-store.js";
import { makePdf } from "../fixtures/search/make-documents.js";
import { type Harness, MODEL_ID, startHarness } from "./server-harness.js";

const REPLY = "<think>\nok</think>Sourdough needs a starter [citation:1].";
type Source = { index: number; title: string; url: string; snippet: string };
type Warning = { code: string; message: string; param?: string };
type WithExtras = { sources?: Source[]; warnings?: Warning[] };

const b64 = (bytes: Uint8Array | string) => Buffer.from(bytes).toString("base64");

describe("files and web search on /v1/chat/completions", () => {
  let dir: string;
  let harness: Harness;
  let client: OpenAI;
  let pdf: Uint8Array;
  const savedEnv = { ...process.env };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "deepthink-api-search-"));
    const docs = join(dir, "docs");
    mkdirSync(docs);
    writeFileSync(
      join(docs, "sourdough.md"),
      "# Sourdough bread\n\nSourdough bread rises with a starter of flour and water, fed daily.\n",
    );
    writeFileSync(join(docs, "tea.txt"), "Green tea is steeped at 80 degrees for two minutes.\n");
    const indexPath = join(dir, "index.db");
    const store = SearchIndexStore.open(indexPath);
    await indexFolder(docs, { store });
    store.close();
    // The server reads its search settings from the environment when a request asks for search.
    process.env.DEEPTHINK_SEARCH_PROVIDER = "local";
    process.env.DEEPTHINK_SEARCH_INDEX = indexPath;
    process.env.DEEPTHINK_SEARCH_COUNT = "2";
    pdf = await makePdf([["Quarterly sales report."], ["Revenue grew by 12 percent."]]);
    harness = await startHarness({ reply: REPLY, contextSize: 4096, parallel: 1 });
    client = new OpenAI({ baseURL: `${harness.url}/v1`, apiKey: "unused", maxRetries: 0 });
  });
  after(async () => {
    await harness?.close();
    process.env = savedEnv;
    rmSync(dir, { recursive: true, force: true });
  });

  const ask = (extra: Record<string, unknown>, content: unknown = "How does sourdough bread rise?") =>
    client.chat.completions.create({
      model: MODEL_ID,
      max_tokens: 300,
      messages: [{ role: "user", content }],
      ...extra,
    } as never) as unknown as Promise<OpenAI.ChatCompletion & WithExtras>;

  test("web_search: true puts the sources in the prompt and on the completion", async () => {
    const plain = await ask({});
    assert.equal(plain.sources, undefined, "no search, no sources field");
    const searched = await ask({ web_search: true });
    const sources = searched.sources ?? [];
    assert.ok(sources.length >= 1, JSON.stringify(searched));
    const first = sources[0]!;
    assert.equal(first.index, 1);
    assert.match(first.url, /^file:\/\/.*sourdough\.md$/);
    assert.equal(first.title, "Sourdough bread");
    assert.match(first.snippet, /starter/);
    assert.equal(searched.choices[0]?.message.content, "Sourdough needs a starter [citation:1].");
    // The search template and the results went to the model: far more prompt tokens than the bare question.
    assert.ok(
      searched.usage!.prompt_tokens > plain.usage!.prompt_tokens + 500,
      JSON.stringify(searched.usage),
    );
  });

  test("OpenAI's web_search_options means web search, and {count} narrows it", async () => {
    const viaOptions = await ask({ web_search_options: {} });
    assert.ok((viaOptions.sources ?? []).length >= 1);
    const one = await ask({ web_search: { count: 1, read_top: 0 } });
    assert.equal(one.sources?.length, 1);
  });

  test("stream: the sources ride on the first chunk", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      max_tokens: 300,
      stream: true,
      messages: [{ role: "user", content: "How does sourdough bread rise?" }],
      web_search: true,
    } as never);
    const chunks: Array<OpenAI.ChatCompletionChunk & WithExtras> = [];
    for await (const chunk of stream as unknown as AsyncIterable<OpenAI.ChatCompletionChunk & WithExtras>) {
      chunks.push(chunk);
    }
    assert.ok((chunks[0]?.sources ?? []).length >= 1, JSON.stringify(chunks[0]));
    assert.ok(chunks.slice(1).every((c) => c.sources == null));
  });

  test("files: a PDF's text reaches the model; a file part on the message works too", async () => {
    const plain = await ask({}, "Summarise.");
    const withPdf = await ask({ files: [{ name: "report.pdf", data: b64(pdf) }] }, "Summarise.");
    const pdfGrowth = withPdf.usage!.prompt_tokens - plain.usage!.prompt_tokens;
    // The template's markers and name (~60 bytes) plus the two extracted lines (~50 bytes).
    assert.ok(pdfGrowth > 90, `prompt grew by ${pdfGrowth}`);
    assert.equal(withPdf.warnings, undefined);
    const viaPart = await ask({}, [
      { type: "text", text: "Summarise." },
      {
        type: "file",
        file: { filename: "report.pdf", file_data: `data:application/pdf;base64,${b64(pdf)}` },
      },
    ]);
    assert.equal(viaPart.usage!.prompt_tokens, withPdf.usage!.prompt_tokens);
  });

  test("a file too long for the context is cut, with a warning naming it", async () => {
    const long = "The quick brown fox jumps over the lazy dog.\n".repeat(200); // ~9,000 bytes ≫ the room left
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL_ID,
        max_tokens: 300,
        messages: [{ role: "user", content: "What does the fox do?" }],
        files: [{ name: "fox.txt", data: b64(long), mime_type: "text/plain" }],
      } as never)
      .withResponse();
    const completion = data as OpenAI.ChatCompletion & WithExtras;
    const warning = completion.warnings?.find((w) => w.code === "file_truncated");
    assert.ok(warning != null, JSON.stringify(completion.warnings));
    assert.equal(warning.param, "files[0]");
    assert.match(warning.message, /fox\.txt/);
    assert.match(response.headers.get("x-deepthink-warnings") ?? "", /file_truncated/);
    // Cut to fit: the prompt plus the answer's room stays inside the 4,096-token context.
    assert.ok(completion.usage!.prompt_tokens <= 4096 - 300, JSON.stringify(completion.usage));
    assert.ok(completion.usage!.prompt_tokens > 2500, JSON.stringify(completion.usage));
  });

  test("bad files are 400s naming the file", async () => {
    const badBase64 = await ask({ files: [{ name: "a.txt", data: "%%%not base64%%%" }] }).catch((e) => e);
    assert.ok(badBase64 instanceof OpenAI.BadRequestError, String(badBase64));
    assert.equal(badBase64.param, "files[0].data");
    const refused = await ask({
      files: [
        { name: "ok.txt", data: b64("fine") },
        { name: "sheet.xlsx", data: b64("PK\u0003\u0004 not really") },
      ],
    }).catch((e) => e);
    assert.ok(refused instanceof OpenAI.BadRequestError, String(refused));
    assert.match(refused.message, /sheet\.xlsx/);
    const tooMany = await ask({
      files: Array.from({ length: 21 }, (_, i) => ({ name: `f${i}.txt`, data: b64("x") })),
    }).catch((e) => e);
    assert.ok(tooMany instanceof OpenAI.BadRequestError, String(tooMany));
    assert.equal(tooMany.param, "files");
    const noName = await ask({ files: [{ name: "", data: b64("x") }] }).catch((e) => e);
    assert.ok(noName instanceof OpenAI.BadRequestError);
    assert.equal(noName.param, "files[0].name");
  });

  test("a search provider that cannot be reached is a 503 naming it", async () => {
    // A port that was free a moment ago: connection refused, on 127.0.0.1 only.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address != null ? address.port : 1));
      });
    });
    process.env.SEARXNG_URL = `http://127.0.0.1:${port}`;
    const error = await ask({ web_search: { provider: "searxng" } }).catch((e) => e);
    delete process.env.SEARXNG_URL;
    assert.ok(error instanceof OpenAI.APIError, String(error));
    assert.equal(error.status, 503);
    assert.match(error.message, /searxng/i);
    assert.match(error.message, /unreachable/);
  });
});
