/**
 * Acceptance: deepthink in front of two other deepthink servers, each a real llama.cpp engine on a
 * scripted model. Requests spread over both; killing one mid-load loses no request that had not
 * started streaming; the dead one is ejected, and readmitted when it comes back on its port; a
 * conversation's follow-ups stay on one replica. Clients are the official openai SDK.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import pino from "pino";
import { createLlamaCppEngine } from "../../src/engine/llama-cpp/index.js";
import { createUpstreamEngine } from "../../src/engine/openai-upstream/index.js";
import { createRouterEngine, type RouterEngine } from "../../src/engine/router/index.js";
import type { Engine } from "../../src/engine/spec.js";
import { hostFromEngine, type RunningServer, startServer } from "../../src/server/index.js";
import { scriptedModelPath } from "../helpers/test-models.js";
import { eventually } from "./server-harness.js";

const THOUGHT = Array.from({ length: 40 }, (_, i) => `step${i}`).join(" ");
const ANSWER = "The answer is 4.";
const REPLY = `<think>\n${THOUGHT}</think>${ANSWER}`;
const logger = pino({ level: "silent" });

interface Backend {
  engine: Engine;
  server: RunningServer;
  port: number;
}

async function startBackend(modelPath: string): Promise<Backend> {
  const engine = await createLlamaCppEngine({
    modelPath,
    modelId: "r1",
    threads: 1,
    contextSize: 1024,
    parallel: 2,
    gpu: false,
  });
  const server = await startServer({ models: hostFromEngine(engine), logger, port: 0 });
  return { engine, server, port: server.port };
}

type Outcome = { ok: true } | { ok: false; started: boolean; message: string };

/** One streamed request; `started` tells whether any reasoning or answer text had arrived when it failed. */
async function streamOnce(client: OpenAI, messages: ChatCompletionMessageParam[]): Promise<Outcome> {
  let started = false;
  let content = "";
  try {
    const stream = await client.chat.completions.create({ model: "r1", messages, stream: true });
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta as
        | { content?: string | null; reasoning_content?: string | null }
        | undefined;
      if ((delta?.reasoning_content ?? "") !== "" || (delta?.content ?? "") !== "") started = true;
      content += delta?.content ?? "";
    }
    assert.equal(content, ANSWER);
    return { ok: true };
  } catch (error) {
    return { ok: false, started, message: error instanceof Error ? error.message : String(error) };
  }
}

describe("deepthink in front of two deepthink replicas", () => {
  let backends: Backend[];
  let router: RouterEngine;
  let front: RunningServer;
  let client: OpenAI;
  const requestsPerReplica = () => router.replicaStats().map((s) => s.requests);

  before(async () => {
    const modelPath = await scriptedModelPath({ reply: REPLY });
    backends = [await startBackend(modelPath), await startBackend(modelPath)];
    router = createRouterEngine({
      model: "r1",
      replicas: backends.map((b) =>
        createUpstreamEngine({ name: "r1", baseUrl: b.server.url, kind: "deepthink" }),
      ),
      healthIntervalMs: 200,
      ejectAfterFailures: 2,
      // What a replica holds at once (2 slots + a short queue of its own): the rest waits in the router,
      // which hands it to whichever replica frees first — and, after a kill, to the survivor only.
      maxConcurrentPerReplica: 4,
    });
    front = await startServer({ models: hostFromEngine(router), logger, port: 0 });
    client = new OpenAI({ baseURL: `${front.url}/v1`, apiKey: "unused", maxRetries: 0 });
  });
  after(async () => {
    await front.close();
    await router.close();
    for (const b of backends) {
      await b.server.close();
      await b.engine.close();
    }
  });

  test("requests are spread across both replicas", async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => streamOnce(client, [{ role: "user", content: `spread ${i}` }])),
    );
    assert.deepEqual(
      outcomes,
      outcomes.map(() => ({ ok: true })),
    );
    const [a, b] = requestsPerReplica();
    assert.ok(a! >= 3 && b! >= 3, `requests per replica ${a}, ${b}`);
  });

  test("a conversation's follow-ups go to the same replica", async () => {
    for (let c = 0; c < 4; c++) {
      const history: ChatCompletionMessageParam[] = [{ role: "user", content: `conversation ${c}` }];
      const before = requestsPerReplica();
      assert.deepEqual(await streamOnce(client, history), { ok: true });
      const home = requestsPerReplica().findIndex((n, i) => n > before[i]!);
      for (let turn = 1; turn <= 2; turn++) {
        history.push({ role: "assistant", content: ANSWER }, { role: "user", content: `follow-up ${turn}` });
        const prior = requestsPerReplica();
        assert.deepEqual(await streamOnce(client, history), { ok: true });
        const moved = requestsPerReplica().map((n, i) => n - prior[i]!);
        assert.deepEqual(
          moved,
          [0, 1].map((i) => (i === home ? 1 : 0)),
          `conversation ${c}, turn ${turn}`,
        );
      }
    }
  });

  test("killing one mid-load loses no request that had not started streaming; it is ejected and readmitted", async () => {
    const victim = backends[0]!;
    const total = 24;
    let completed = 0;
    const runs = Array.from({ length: total }, (_, i) =>
      streamOnce(client, [{ role: "user", content: `load ${i}` }]).then((outcome) => {
        completed++;
        return outcome;
      }),
    );
    // Mid-load: some requests are done, some stream, some wait in a replica's queue.
    await eventually(() => completed >= 4, 30_000);
    assert.ok(router.replicaStats()[0]!.inFlight > 0, "the victim is busy when it dies");
    await victim.server.close();
    const outcomes = await Promise.all(runs);

    const lost = outcomes.filter((o): o is Extract<Outcome, { ok: false }> => !o.ok);
    assert.deepEqual(
      lost.filter((o) => !o.started),
      [],
      "every failure had already streamed text",
    );
    assert.ok(outcomes.filter((o) => o.ok).length >= total - router.replicaStats()[0]!.failures);
    await eventually(() => router.replicaStats()[0]!.healthy === false, 5_000);
    assert.equal(router.info().status.state, "ready");

    // While it is down, everything goes to the survivor.
    const during = requestsPerReplica();
    for (let i = 0; i < 3; i++)
      assert.deepEqual(await streamOnce(client, [{ role: "user", content: `down ${i}` }]), { ok: true });
    assert.equal(requestsPerReplica()[0], during[0]);

    // Back on the same port: the health loop readmits it and it takes requests again.
    victim.server = await startServer({ models: hostFromEngine(victim.engine), logger, port: victim.port });
    await eventually(() => router.replicaStats()[0]!.healthy, 5_000);
    const back = requestsPerReplica();
    const again = await Promise.all(
      Array.from({ length: 6 }, (_, i) => streamOnce(client, [{ role: "user", content: `back ${i}` }])),
    );
    assert.ok(again.every((o) => o.ok));
    assert.ok(requestsPerReplica()[0]! > back[0]!, "the readmitted replica serves again");
    const stats = router.replicaStats()[0]!;
    assert.equal(stats.ejections, 1);
    // The kill caught requests queued on the victim before their first token: they moved, not failed.
    assert.ok(stats.retriedElsewhere > 0, "some requests were moved to the survivor");
    assert.equal(stats.inFlight, 0);
  });
});
