/** The router's choice rule and its prefix table, pure. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  AffinityTable,
  type Candidate,
  chooseReplica,
  prefixKeys,
  renderReplicaMetrics,
} from "../../src/engine/router/index.js";

const replica = (index: number, inFlight = 0, extra: Partial<Candidate> = {}): Candidate => ({
  index,
  inFlight,
  healthy: true,
  full: false,
  ...extra,
});
const choose = (candidates: Candidate[], affine?: number, cursor = 0) =>
  chooseReplica(candidates, { affine, affinityTolerance: 2, cursor });

describe("chooseReplica", () => {
  test("least outstanding requests wins", () => {
    assert.deepEqual(choose([replica(0, 3), replica(1, 1), replica(2, 2)]), { type: "replica", index: 1 });
  });
  test("ties are taken in turn, so sequential requests spread", () => {
    const idle = [replica(0), replica(1), replica(2)];
    assert.deepEqual(
      [0, 1, 2, 3].map((cursor) => choose(idle, undefined, cursor)),
      [0, 1, 2, 0].map((index) => ({ type: "replica", index })),
    );
  });
  test("the affine replica wins within the tolerance, not beyond", () => {
    assert.deepEqual(choose([replica(0, 0), replica(1, 2)], 1), { type: "replica", index: 1 });
    assert.deepEqual(choose([replica(0, 0), replica(1, 3)], 1), { type: "replica", index: 0 });
  });
  test("an ejected or full affine replica is passed over", () => {
    assert.deepEqual(choose([replica(0, 5), replica(1, 0, { healthy: false })], 1), {
      type: "replica",
      index: 0,
    });
    assert.deepEqual(choose([replica(0, 5), replica(1, 0, { full: true })], 1), {
      type: "replica",
      index: 0,
    });
  });
  test("all full: wait; nothing left: none", () => {
    assert.deepEqual(choose([replica(0, 1, { full: true }), replica(1, 1, { full: true })]), {
      type: "wait",
    });
    assert.deepEqual(choose([]), { type: "none" });
  });
  test("healthy replicas are preferred; when none is, the ejected ones are tried", () => {
    assert.deepEqual(choose([replica(0, 0, { healthy: false }), replica(1, 9)]), {
      type: "replica",
      index: 1,
    });
    assert.deepEqual(choose([replica(0, 0, { healthy: false }), replica(1, 3, { healthy: false })]), {
      type: "replica",
      index: 0,
    });
  });
  test("a full healthy replica means wait, not a detour to an ejected one", () => {
    assert.deepEqual(choose([replica(0, 0, { healthy: false }), replica(1, 4, { full: true })]), {
      type: "wait",
    });
  });
});

describe("prefix affinity", () => {
  const system = { role: "user" as const, content: "Be brief.\n\nWhat is 2 + 2?" };
  const turn1 = [system];
  const turn2 = [
    system,
    { role: "assistant" as const, content: "4" },
    { role: "user" as const, content: "And 3 + 3?" },
  ];

  test("a follow-up shares the keys of the turns before it", () => {
    const k1 = prefixKeys(turn1);
    const k2 = prefixKeys(turn2);
    assert.equal(k2.length, 3);
    assert.equal(k2[0], k1[0]);
    assert.notEqual(prefixKeys([{ role: "user", content: "What is 2 + 3?" }])[0], k1[0]);
    // Role is part of the key: the same text from the assistant is another prefix.
    assert.notEqual(prefixKeys([{ role: "assistant", content: system.content }])[0], k1[0]);
  });
  test("the longest known prefix names the replica", () => {
    const table = new AffinityTable(100);
    table.record(prefixKeys(turn1), 1);
    assert.equal(table.lookup(prefixKeys(turn2)), 1);
    table.record(prefixKeys(turn2), 0);
    assert.equal(table.lookup(prefixKeys(turn2)), 0);
    assert.equal(table.lookup(prefixKeys([{ role: "user", content: "new" }])), undefined);
  });
  test("the least recently used prefixes are forgotten first", () => {
    const table = new AffinityTable(2);
    const a = prefixKeys([{ role: "user", content: "a" }]);
    const b = prefixKeys([{ role: "user", content: "b" }]);
    const c = prefixKeys([{ role: "user", content: "c" }]);
    table.record(a, 0);
    table.record(b, 1);
    table.record(a, 0);
    table.record(c, 1);
    assert.equal(table.size, 2);
    assert.equal(table.lookup(b), undefined);
    assert.equal(table.lookup(a), 0);
  });
});

test("per-replica metrics in the Prometheus text format, labelled by model and replica", () => {
  const stats = {
    label: "http://gpu1:8000",
    healthy: false,
    inFlight: 2,
    requests: 10,
    completed: 7,
    failures: 3,
    consecutiveFailures: 3,
    ejections: 1,
    retriedElsewhere: 2,
  };
  const text = renderReplicaMetrics([{ model: "r1", replicas: [stats] }]);
  assert.match(text, /^# HELP deepthink_replica_healthy .+\n# TYPE deepthink_replica_healthy gauge\n/);
  assert.match(text, /\ndeepthink_replica_healthy\{model="r1",replica="http:\/\/gpu1:8000"\} 0\n/);
  assert.match(text, /\ndeepthink_replica_in_flight\{model="r1",replica="http:\/\/gpu1:8000"\} 2\n/);
  assert.match(
    text,
    /\n# TYPE deepthink_replica_retried_total counter\ndeepthink_replica_retried_total\{[^}]+\} 2\n/,
  );
  assert.equal(renderReplicaMetrics([]), "");
});
