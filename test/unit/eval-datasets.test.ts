/**
 * Datasets over a real local HTTP server standing in for the Hub (HF_ENDPOINT): download on first use,
 * cache, checksums, the gated path, every file format, LiveCodeBench's pickled tests, and bad rows
 * reported by file and line.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { deflateSync } from "node:zlib";
import { DeepthinkError } from "../../src/errors.js";
import { loadBenchmark } from "../../src/eval/datasets/load-benchmark.js";
import { parseCsv } from "../../src/eval/datasets/read-csv.js";
import { decodeLcbTests, unpickleString } from "../../src/eval/datasets/unpickle-string.js";

/** A pickle (protocol 4) of one str, as Python's pickle.dumps writes it. */
function pickleString(text: string): Buffer {
  const utf8 = Buffer.from(text, "utf8");
  const head =
    utf8.length < 256
      ? Buffer.from([0x8c, utf8.length])
      : Buffer.concat([Buffer.from([0x58]), u32(utf8.length)]);
  const body = Buffer.concat([head, utf8, Buffer.from([0x94, 0x2e])]);
  const frame = Buffer.alloc(8);
  frame.writeBigUInt64LE(BigInt(body.length));
  return Buffer.concat([Buffer.from([0x80, 0x04, 0x95]), frame, body]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

const privateTests = JSON.stringify([{ input: "1 2\n", output: "3\n", testtype: "stdin" }]);
const lcbRow = (id: string, date: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    question_title: id,
    question_content: `Problem ${id}`,
    platform: "atcoder",
    question_id: id,
    contest_id: "c",
    contest_date: `${date}T00:00:00`,
    starter_code: "",
    difficulty: "easy",
    public_test_cases: JSON.stringify([{ input: "2 2\n", output: "4\n", testtype: "stdin" }]),
    private_test_cases: deflateSync(pickleString(privateTests)).toString("base64"),
    metadata: "{}",
    ...extra,
  });

const FILES: Record<string, string> = {
  "/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl":
    `${JSON.stringify({ problem: "1+1?", solution: "\\boxed{2}", answer: "2", subject: "a", level: 1, unique_id: "test/a/1.json" })}\n` +
    `${JSON.stringify({ problem: "2+2?", solution: "\\boxed{4}", answer: "4", subject: "a", level: 1, unique_id: "test/a/2.json" })}\n`,
  "/datasets/Idavidrein/gpqa/resolve/main/gpqa_diamond.csv":
    "Record ID,Question,Correct Answer,Incorrect Answer 1,Incorrect Answer 2,Incorrect Answer 3\n" +
    'rec1,"A question, with a comma\nand a second line",right,"say ""no""",w2,w3\n',
  "/datasets/livecodebench/code_generation_lite/resolve/main/test4.jsonl": `${lcbRow("early", "2024-07-31")}\n${lcbRow("first", "2024-08-01")}\n`,
  "/datasets/livecodebench/code_generation_lite/resolve/main/test5.jsonl": `${lcbRow("last", "2025-01-31", { private_test_cases: privateTests, metadata: JSON.stringify({ func_name: "solve" }), starter_code: "class Solution:" })}\n${lcbRow("late", "2025-02-01")}\n`,
};

let server: Server;
let endpoint: string;
const hits: string[] = [];

before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    if (req.url?.includes("/Idavidrein/gpqa/") && req.headers.authorization !== "Bearer hf_ok") {
      res.writeHead(req.headers.authorization == null ? 401 : 403).end("gated");
      return;
    }
    const body = FILES[req.url ?? ""];
    if (body == null) res.writeHead(404).end("not found");
    else res.writeHead(200, { "content-type": "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function env(extra: Record<string, string> = {}) {
  return {
    DEEPTHINK_HOME: await mkdtemp(join(tmpdir(), "deepthink-data-")),
    HF_ENDPOINT: endpoint,
    ...extra,
  };
}

const sha = (text: string) => createHash("sha256").update(text).digest("hex");

test("MATH-500: downloaded once into $DEEPTHINK_HOME/datasets, then read from the cache, checksum recorded", async () => {
  const e = await env();
  const before = hits.length;
  const loaded = await loadBenchmark("math500", {}, { env: e, fetch });
  assert.deepEqual(
    loaded.problems.map((p) => [p.id, p.type, p.gold]),
    [
      ["test/a/1.json", "math", "2"],
      ["test/a/2.json", "math", "4"],
    ],
  );
  const text = FILES["/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl"]!;
  assert.equal(loaded.dataset.sha256, sha(text));
  assert.deepEqual(loaded.dataset.files, [
    { name: "HuggingFaceH4/MATH-500/test.jsonl", sha256: sha(text), bytes: text.length },
  ]);
  assert.equal(loaded.dataset.source, "hub:HuggingFaceH4/MATH-500");
  assert.ok(existsSync(join(e.DEEPTHINK_HOME, "datasets", "HuggingFaceH4/MATH-500", "main", "test.jsonl")));
  await loadBenchmark("math500", {}, { env: e, fetch });
  assert.equal(hits.length - before, 1, "the second load came from the cache");
});

test("--data: a local copy of the same file has the same checksum (so it continues the same runs)", async () => {
  const dir = await mkdtemp(join(tmpdir(), "deepthink-data-"));
  const path = join(dir, "math.jsonl");
  await writeFile(path, FILES["/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl"]!);
  const loaded = await loadBenchmark("math500", { data: [path] }, { env: await env(), fetch });
  assert.equal(loaded.dataset.source, "file");
  assert.equal(
    loaded.dataset.sha256,
    sha(FILES["/datasets/HuggingFaceH4/MATH-500/resolve/main/test.jsonl"]!),
  );
});

test("GPQA is gated: without HF_TOKEN a clear error and hint; with it the CSV (quoted newlines, quotes) parses", async () => {
  await assert.rejects(loadBenchmark("gpqa-diamond", {}, { env: await env(), fetch }), (error: unknown) => {
    assert.ok(error instanceof DeepthinkError);
    assert.equal(error.code, "unauthorized");
    assert.match(
      error.hint ?? "",
      /accept its terms at https:\/\/huggingface\.co\/datasets\/Idavidrein\/gpqa.*HF_TOKEN/,
    );
    return true;
  });
  await assert.rejects(
    loadBenchmark("gpqa-diamond", {}, { env: await env({ HF_TOKEN: "hf_bad" }), fetch }),
    /HTTP 403/,
  );
  const loaded = await loadBenchmark("gpqa-diamond", {}, { env: await env({ HF_TOKEN: "hf_ok" }), fetch });
  assert.deepEqual(loaded.problems, [
    {
      id: "rec1",
      type: "choice",
      question: "A question, with a comma\nand a second line",
      gold: "right",
      options: { correct: "right", incorrect: ['say "no"', "w2", "w3"] },
    },
  ]);
});

test("LiveCodeBench: test4+test5 filtered to the R1 window (ends inclusive), tests decoded from base64/zlib/pickle", async () => {
  const loaded = await loadBenchmark("livecodebench", {}, { env: await env(), fetch });
  assert.deepEqual(loaded.window, { from: "2024-08-01", to: "2025-01-31" });
  assert.deepEqual(
    loaded.problems.map((p) => p.id),
    ["first", "last"],
  );
  assert.equal(loaded.dataset.rows, 4);
  assert.equal(loaded.dataset.files.length, 2);
  const [first, last] = loaded.problems;
  assert.deepEqual(first!.tests, [
    { input: "2 2\n", output: "4\n", testtype: "stdin" },
    { input: "1 2\n", output: "3\n", testtype: "stdin" },
  ]);
  assert.equal(first!.fnName, undefined);
  assert.equal(last!.fnName, "solve");
  assert.equal(last!.starterCode, "class Solution:");
  const narrow = await loadBenchmark(
    "livecodebench",
    { window: { from: "2024-07-01", to: "2024-07-31" } },
    { env: await env(), fetch },
  );
  assert.deepEqual(
    narrow.problems.map((p) => p.id),
    ["early"],
  );
});

test("unpickling accepts exactly a pickled string (any length, protocols 2–5) and refuses anything else", () => {
  const long = "x".repeat(300);
  assert.equal(unpickleString(pickleString("héllo")), "héllo");
  assert.equal(unpickleString(pickleString(long)), long);
  assert.equal(decodeLcbTests('[{"input":""}]'), '[{"input":""}]');
  // protocol 2: PROTO 2, BINUNICODE, BINPUT 0, STOP
  assert.equal(
    unpickleString(
      Buffer.concat([Buffer.from([0x80, 2, 0x58]), u32(2), Buffer.from("ok"), Buffer.from([0x71, 0, 0x2e])]),
    ),
    "ok",
  );
  assert.throws(() => unpickleString(Buffer.from([0x80, 4, 0x63, 0x2e])), /not a plain string/); // GLOBAL
  assert.throws(() => unpickleString(Buffer.from([0x80, 4, 0x8c, 9, 0x61])), /ends early/);
});

test("custom JSONL: every bad row reported with file:line and field; duplicate ids refused", async () => {
  const dir = await mkdtemp(join(tmpdir(), "deepthink-custom-"));
  const path = join(dir, "mine.jsonl");
  await writeFile(
    path,
    [
      '{"id": "ok", "question": "2+2?", "answer": 4, "type": "integer"}',
      '{"id": "noanswer", "question": "x"}',
      "{not json",
      "",
      '{"id": "badtype", "question": "x", "answer": "1", "type": "essay"}',
      '{"question": "pick", "answer": "b", "type": "choice"}',
    ].join("\n"),
  );
  await assert.rejects(loadBenchmark(path, {}, { env: await env(), fetch }), (error: unknown) => {
    assert.ok(error instanceof DeepthinkError);
    assert.match(error.message, /mine\.jsonl has 3 bad row\(s\)/);
    assert.match(error.message, /mine\.jsonl:2: answer: answer is required/);
    assert.match(error.message, /mine\.jsonl:3: not valid JSON/);
    assert.match(error.message, /mine\.jsonl:5: type: /);
    return true;
  });
  await writeFile(
    path,
    '{"question": "pick", "answer": "b", "type": "choice"}\n{"id": 7, "question": "2+2?", "answer": "4"}\n',
  );
  const loaded = await loadBenchmark(path, {}, { env: await env(), fetch });
  assert.equal(loaded.benchmark, "custom");
  assert.equal(loaded.label, "mine");
  assert.deepEqual(
    loaded.problems.map((p) => [p.id, p.type, p.gold]),
    [
      ["line-1", "choice", "B"],
      ["7", "math", "4"],
    ],
  );
  await writeFile(
    path,
    '{"id": 1, "question": "a", "answer": "1"}\n{"id": "1", "question": "b", "answer": "2"}\n',
  );
  await assert.rejects(loadBenchmark(path, {}, { env: await env(), fetch }), /problem id '1' appears twice/);
});

test("CSV parsing: quotes, doubled quotes, CRLF, record start lines", () => {
  assert.deepEqual(parseCsv('a,b\r\n"x\ny","say ""hi"""\r\nlast,row'), [
    { line: 1, fields: ["a", "b"] },
    { line: 2, fields: ["x\ny", 'say "hi"'] },
    { line: 4, fields: ["last", "row"] },
  ]);
});

test("an unknown benchmark name is refused with the list of known ones", async () => {
  await assert.rejects(
    loadBenchmark("aime23", {}, { env: await env(), fetch }),
    /expected one of aime24, aime25, math500/,
  );
});
