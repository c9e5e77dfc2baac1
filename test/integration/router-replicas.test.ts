/**
 * The router over real upstream engines pointed at real local servers (recorded vLLM streams):
 * spreading, prefix affinity, retries before the first part only, ejection and readmission,
 * concurrency caps with a queue, and what is not the replica's fault.
 */
import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { createUpstreamEngine } from "../../src/engine/openai-upstream/index.js";
import { createRouterEngine, type RouterOptions } from "../../src/engine/router/index.js";
import { DeepthinkError } from "../../src/errors.js";
import type { ChatMessage } from "../../src/protocol/types.js";
import {
  type ReplayScript,
  type ReplayServer,
  startReplayServer,
} from "../fixtures/upstream-streams/replay-server.js";
import { collect, generateText, request } from "../helpers/engine-request.js";

const ANSWER = "2 + 2 = **4** ✓";
const OK: ReplayScript = { type: "sse", file: "vllm-reasoning.sse", gapMs: 0 };
const open: ReplayServer[] = [];

async function replicas(n: number, script: ReplayScript = OK): Promise<ReplayServer[]> {
  const servers = await Promise.all(Array.from({ length: n }, () => startReplayServer({ script })));
  open.push(...servers);
  return servers;
}

function router(servers: ReplayServer[], options: Partial<RouterOptions> = {}) {
  return createRouterEngine({
    model: "r1",
    replicas: servers.map((s) =>
      createUpstreamEngine({ name: "r1", baseUrl: s.url, kind: "vllm", upstreamModel: "m" }),
    ),
    healthIntervalMs: 0,
    ...options,
  });
}

const ask = (content: string, history: ChatMessage[] = []) =>
  request({ messages: [...history, { role: "user", content }] });
const served = (servers: ReplayServer[]) => servers.map((s) => s.requests.length);

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

describe("router over upstream replicas", () => {
  test("sequential requests spread evenly (ties taken in turn)", async () => {
    const servers = await replicas(2);
    const r = router(servers, { affinity: "none" });
    for (let i = 0; i < 6; i++) assert.equal((await generateText(r, ask(`q${i}`))).content, ANSWER);
    assert.deepEqual(served(servers), [3, 3]);
    assert.deepEqual(
      r.replicaStats().map((s) => [s.requests, s.completed, s.inFlight, s.healthy]),
      [
        [3, 3, 0, true],
        [3, 3, 0, true],
      ],
    );
  });

  test("a conversation's follow-ups go to the replica that served it", async () => {
    const servers = await replicas(3);
    const r = router(servers);
    for (let c = 0; c < 6; c++) {
      const first = `conversation ${c}: 2 + 2?`;
      await generateText(r, ask(first));
      const home = servers.findIndex(
        (s) =>
          s.requests.at(-1)?.body["messages"] != null &&
          JSON.stringify(s.requests.at(-1)?.body["messages"]).includes(first),
      );
      let history: ChatMessage[] = [{ role: "user", content: first }];
      for (let turn = 1; turn <= 3; turn++) {
        const before = served(servers);
        await generateText(r, ask(`follow-up ${turn}`, [...history, { role: "assistant", content: ANSWER }]));
        const after = served(servers);
        assert.deepEqual(
          after.map((n, i) => n - before[i]!),
          servers.map((_, i) => (i === home ? 1 : 0)),
          `conversation ${c} turn ${turn}`,
        );
        history = [
          ...history,
          { role: "assistant", content: ANSWER },
          { role: "user", content: `follow-up ${turn}` },
        ];
      }
    }
    // New conversations still spread over all three.
    assert.ok(
      served(servers).every((n) => n >= 4),
      String(served(servers)),
    );
  });

  test("a dead replica: requests retried elsewhere, it is ejected, then readmitted after a restart", async () => {
    const servers = await replicas(2);
    const deadPort = servers[0]!.port;
    await servers[0]!.close();
    const r = router(servers, { affinity: "none", ejectAfterFailures: 2 });
    for (let i = 0; i < 6; i++) assert.equal((await generateText(r, ask(`q${i}`))).content, ANSWER);
    let [dead, alive] = r.replicaStats();
    assert.equal(dead!.healthy, false);
    assert.equal(dead!.failures, 2, "no more attempts once ejected");
    assert.equal(dead!.retriedElsewhere, 2);
    assert.equal(dead!.ejections, 1);
    assert.match(dead!.lastError ?? "", /ECONNREFUSED/);
    assert.equal(alive!.completed, 6);
    assert.equal(r.info().status.state, "ready");

    await r.checkReplicas();
    assert.equal(r.replicaStats()[0]!.healthy, false, "still down");
    const restarted = await startReplayServer({ script: OK, port: deadPort });
    open.push(restarted);
    await r.checkReplicas();
    [dead, alive] = r.replicaStats();
    assert.equal(dead!.healthy, true);
    for (let i = 0; i < 4; i++) await generateText(r, ask(`after ${i}`));
    assert.equal(restarted.requests.length, 2);
  });

  test("all replicas down: the status says so, and a request fails with the last reason", async () => {
    const servers = await replicas(2);
    await Promise.all(servers.map((s) => s.close()));
    const r = router(servers, { ejectAfterFailures: 1 });
    await assert.rejects(
      r.generate(ask("q")),
      (e: unknown) => e instanceof DeepthinkError && e.code === "network_unavailable",
    );
    const status = r.info().status;
    assert.equal(status.state, "error");
    assert.match(status.state === "error" ? status.message : "", /All 2 replicas of 'r1' are failing/);
  });

  test("a stream that fails before its first part is retried on another replica", async () => {
    const [broken, good] = await replicas(2);
    broken!.script = { type: "sse", file: "vllm-reasoning.sse", breakAfterEvents: 1 };
    const r = router([broken!, good!], { affinity: "none" });
    for (let i = 0; i < 4; i++) assert.equal((await generateText(r, ask(`q${i}`))).content, ANSWER);
    assert.equal(good!.requests.length, 4);
    assert.ok(broken!.requests.length >= 1);
    assert.equal(r.replicaStats()[0]!.retriedElsewhere, broken!.requests.length);
  });

  test("never retried once streaming started: the error reaches the client", async () => {
    const [breaking, other] = await replicas(2);
    breaking!.script = { type: "sse", file: "vllm-reasoning.sse", breakAfterEvents: 6 };
    const r = router([breaking!, other!], { affinity: "none" });
    const out = await generateText(r, ask("q0"));
    assert.equal(breaking!.requests.length, 1);
    assert.equal(out.reasoning, "Okay, the user asks for");
    assert.equal(out.error?.error.code, "network_unavailable");
    assert.equal(other!.requests.length, 0);
    assert.equal(r.replicaStats()[0]!.failures, 1);
  });

  test("the client's own errors are neither retried nor held against the replica", async () => {
    const servers = await replicas(2, {
      type: "status",
      status: 400,
      body: { error: { message: "max_tokens is too large" } },
    });
    const r = router(servers, { affinity: "none", ejectAfterFailures: 1 });
    await assert.rejects(
      r.generate(ask("q")),
      (e: unknown) => e instanceof DeepthinkError && e.code === "invalid_request",
    );
    assert.equal(servers[0]!.requests.length + servers[1]!.requests.length, 1);
    assert.ok(r.replicaStats().every((s) => s.healthy && s.failures === 0));
  });

  test("a busy replica (429) sends the request elsewhere without being ejected", async () => {
    const [busy, free] = await replicas(2);
    busy!.script = { type: "status", status: 429, body: { error: { message: "queue full" } } };
    const r = router([busy!, free!], { affinity: "none", ejectAfterFailures: 1 });
    for (let i = 0; i < 2; i++) assert.equal((await generateText(r, ask(`q${i}`))).content, ANSWER);
    assert.equal(r.replicaStats()[0]!.healthy, true);
    assert.equal(r.replicaStats()[0]!.failures, 0);
  });

  test("per-replica caps: extra requests wait their turn, or get queue_full past the queue", async () => {
    const servers = await replicas(2, { type: "sse", file: "vllm-reasoning.sse", gapMs: 3 });
    const r = router(servers, { maxConcurrentPerReplica: 1, queueLimit: 1, affinity: "none" });
    let peak = 0;
    const watch = setInterval(() => {
      peak = Math.max(peak, ...r.replicaStats().map((s) => s.inFlight));
    }, 1);
    const running = [0, 1, 2].map((i) => r.generate(ask(`q${i}`)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(r.stats().queueDepth, 1);
    await assert.rejects(
      r.generate(ask("q3")),
      (e: unknown) => e instanceof DeepthinkError && e.code === "queue_full",
    );
    const outs = await Promise.all(running.map(async (p) => collect((await p).stream)));
    clearInterval(watch);
    assert.ok(outs.every((o) => o.content === ANSWER));
    assert.equal(peak, 1);
    const waited = outs.map((o) => o.finish!.timings.queuedMs);
    assert.ok(Math.max(...waited) > 20, `the third waited: ${waited}`);
  });

  test("aborting while queued rejects with aborted and leaves the queue", async () => {
    const servers = await replicas(1, { type: "sse", file: "vllm-reasoning.sse", gapMs: 3 });
    const r = router(servers, { maxConcurrentPerReplica: 1 });
    const first = r.generate(ask("q0"));
    const controller = new AbortController();
    const queued = r.generate(ask("q1"), controller.signal);
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    await assert.rejects(queued, (e: unknown) => e instanceof DeepthinkError && e.code === "aborted");
    assert.equal(r.stats().queueDepth, 0);
    assert.equal((await collect((await first).stream)).content, ANSWER);
  });
});
