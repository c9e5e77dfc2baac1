/**
 * `deepthink serve` in-process: offline without a model it still comes up and explains itself; with a
 * model file it serves; beyond loopback it wants a key.
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { after, test } from "node:test";
import { Command } from "commander";
import type { CliIo } from "../../src/cli/cli-io.js";
import { registerServeCommand } from "../../src/cli/serve-command.js";
import type { RunningServer } from "../../src/server/index.js";
import { scriptedModelPath } from "../helpers/test-models.js";
import { eventually } from "./server-harness.js";

const home = mkdtempSync(join(tmpdir(), "deepthink-serve-"));
after(() => rmSync(home, { recursive: true, force: true }));

interface Served {
  url: string;
  stdout: () => string;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Runs `deepthink serve …` until `stop()`; downloads fail as without network unless a fetch is given. */
async function serve(
  args: string[],
  env: Record<string, string> = {},
  fetchImpl: typeof fetch = offline,
): Promise<Served> {
  const out = captured();
  const err = captured();
  const io: CliIo = {
    stdout: out.stream,
    stderr: err.stream,
    stdin: new PassThrough(),
    env: { DEEPTHINK_HOME: home, ...env },
    fetch: fetchImpl,
  };
  let release: () => void = () => {};
  const stopped = new Promise<void>((resolve) => {
    release = resolve;
  });
  let started: (server: RunningServer) => void = () => {};
  const listening = new Promise<RunningServer>((resolve) => {
    started = resolve;
  });
  const program = new Command("deepthink").exitOverride();
  registerServeCommand(program, io, {
    untilShutdown: (server) => {
      started(server);
      return stopped;
    },
  });
  const done = program.parseAsync(["serve", "--port", "0", ...args], { from: "user" });
  const server = await Promise.race([listening, done.then(() => Promise.reject(new Error("serve exited")))]);
  return {
    url: server.url,
    stdout: out.text,
    stderr: err.text,
    stop: async () => {
      release();
      await done;
    },
  };
}

/** A fetch as it fails without network. */
const offline: typeof fetch = async () => {
  const cause = Object.assign(new Error("getaddrinfo ENOTFOUND huggingface.co"), { code: "ENOTFOUND" });
  throw Object.assign(new TypeError("fetch failed"), { cause });
};

/** /health once loading has ended (polled; the bound is for a hang, not a speed test). */
async function settledHealth(url: string): Promise<{ status: string; message?: string; hint?: string }> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; message?: string };
    if (health.status !== "loading" || Date.now() > deadline) return health;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function captured() {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
  });
  return { stream, text: () => text };
}

test("offline with no model: the server comes up, /health and model routes say why, the log says how to fix it", async () => {
  const served = await serve([]);
  try {
    const health = await settledHealth(served.url);
    assert.equal(health.status, "error", JSON.stringify(health));
    assert.ok((health.message ?? "").length > 10);
    const chat = await fetch(`${served.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "r1-distill-qwen-1.5b", messages: [{ role: "user", content: "hi" }] }),
    });
    assert.equal(chat.status, 503);
    const { error } = (await chat.json()) as { error: { message: string; code: string } };
    assert.equal(error.code, "model_unavailable");
    assert.match(error.message, /^No model is available: /);
    const models = await fetch(`${served.url}/v1/models`);
    assert.equal(models.status, 503);
    await eventually(() => served.stdout().includes("no model:"));
    const log = served.stdout();
    assert.match(log, /listening on http:\/\/127\.0\.0\.1:\d+/);
    assert.match(log, /deepthink pull|--model/);
    assert.equal(/\n\s+at /.test(log), false, "no stack trace in the log");
  } finally {
    await served.stop();
  }
});

test("a bad model path: the server still starts and names the file", async () => {
  const served = await serve(["--model", join(home, "missing.gguf")]);
  try {
    await eventually(() => served.stdout().includes("no model:"));
    const health = (await (await fetch(`${served.url}/health`)).json()) as {
      status: string;
      message: string;
    };
    assert.equal(health.status, "error");
    assert.match(health.message, /missing\.gguf/);
  } finally {
    await served.stop();
  }
});

test("with a model file it serves, under its file name, its aliases and deepseek-reasoner", async () => {
  const path = await scriptedModelPath({ reply: "<think>\nhm</think>OK" });
  const served = await serve([path, "--threads", "1", "--ctx", "1024", "--parallel", "1", "--no-gpu"]);
  try {
    await eventually(() => served.stdout().includes("is ready"), 30_000);
    const res = await fetch(`${served.url}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "deepseek-reasoner", messages: [{ role: "user", content: "hi" }] }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as {
      choices: Array<{ message: { content: string; reasoning_content: string } }>;
    };
    assert.deepEqual(body.choices[0]?.message, {
      role: "assistant",
      content: "OK",
      reasoning_content: "hm",
      reasoning: "hm",
    });
    assert.match(served.stdout(), /"reqId":"req_\w+".*"status":200/);
  } finally {
    await served.stop();
  }
});

test("API keys from --api-key and DEEPTHINK_API_KEYS; beyond loopback without a key it refuses", async () => {
  const served = await serve(["--model", join(home, "missing.gguf"), "--api-key", "k1"], {
    DEEPTHINK_API_KEYS: "k2,k3",
  });
  try {
    assert.equal((await fetch(`${served.url}/v1/models`)).status, 401);
    for (const key of ["k1", "k3"]) {
      const res = await fetch(`${served.url}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
      assert.equal(res.status, 503, key);
    }
  } finally {
    await served.stop();
  }
  await assert.rejects(serve(["--host", "0.0.0.0"]), /Refusing to listen on 0\.0\.0\.0 without an API key/);
  const open = await serve([
    "--host",
    "0.0.0.0",
    "--insecure-no-auth",
    "--model",
    join(home, "missing.gguf"),
  ]);
  await open.stop();
});

test("first run with network: the default model is pulled with progress, then served", async () => {
  // A stand-in for the Hugging Face Hub (HF_ENDPOINT), serving a scripted model as the catalog's file.
  const bytes = readFileSync(await scriptedModelPath({ reply: "<think>\nhm</think>pulled" }));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const file = "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf";
  const hub = createServer((req, res) => {
    if (req.url?.startsWith("/api/models/unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/tree/main")) {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify([
          { type: "file", path: file, size: bytes.length, lfs: { oid: sha256, size: bytes.length } },
        ]),
      );
    } else if (req.url === `/unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF/resolve/main/${file}`) {
      const from = Number(/^bytes=(\d+)-/.exec(req.headers.range ?? "")?.[1] ?? 0);
      res.writeHead(from > 0 ? 206 : 200, { "content-length": bytes.length - from });
      res.end(bytes.subarray(from));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
  const { port } = hub.address() as AddressInfo;
  const fresh = mkdtempSync(join(tmpdir(), "deepthink-serve-pull-"));
  const served = await serve(
    ["--threads", "1", "--ctx", "1024", "--parallel", "1", "--no-gpu"],
    { DEEPTHINK_HOME: fresh, HF_ENDPOINT: `http://127.0.0.1:${port}` },
    globalThis.fetch,
  );
  try {
    const health = await settledHealth(served.url);
    assert.equal(health.status, "ready", JSON.stringify(health));
    assert.match(served.stderr(), /downloading r1-distill-qwen-1\.5b/);
    const res = await fetch(`${served.url}/v1/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "r1-distill-qwen-1.5b", messages: [{ role: "user", content: "hi" }] }),
    });
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    assert.equal(body.choices[0]?.message.content, "pulled");
  } finally {
    await served.stop();
    hub.close();
    rmSync(fresh, { recursive: true, force: true });
  }
});
