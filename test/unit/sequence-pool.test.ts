import assert from "node:assert/strict";
import { test } from "node:test";
import { SequencePool } from "../../src/engine/llama-cpp/sequence-pool.js";
import { DeepthinkError } from "../../src/errors.js";

test("hands out free slots, then queues in FIFO order", async () => {
  const pool = new SequencePool(["a", "b"], { queueLimit: 2 });
  const a = await pool.acquire();
  const b = await pool.acquire();
  assert.deepEqual([a, b].sort(), ["a", "b"]);
  const order: string[] = [];
  const w1 = pool.acquire().then((s) => order.push(`w1:${s}`));
  const w2 = pool.acquire().then((s) => order.push(`w2:${s}`));
  assert.equal(pool.queueDepth, 2);
  pool.release(a);
  pool.release(b);
  await Promise.all([w1, w2]);
  assert.deepEqual(order, [`w1:${a}`, `w2:${b}`]);
  assert.equal(pool.busy, 2);
});

test("refuses with queue_full when slots and queue are full", async () => {
  const pool = new SequencePool(["a"], { queueLimit: 1, retryAfterSeconds: 3 });
  await pool.acquire();
  void pool.acquire();
  await assert.rejects(pool.acquire(), (e: unknown) => {
    assert.ok(e instanceof DeepthinkError);
    assert.equal(e.code, "queue_full");
    assert.equal(e.retryAfterSeconds, 3);
    return true;
  });
});

test("an aborted waiter leaves the queue and the slot goes to the next one", async () => {
  const pool = new SequencePool(["a"], { queueLimit: 4 });
  const held = await pool.acquire();
  const controller = new AbortController();
  const aborted = pool.acquire(undefined, controller.signal);
  const next = pool.acquire();
  controller.abort(new Error("client left"));
  await assert.rejects(aborted, /client left/);
  assert.equal(pool.queueDepth, 1);
  pool.release(held);
  assert.equal(await next, "a");
});

test("picks the free slot with the best score (prefix affinity)", async () => {
  const pool = new SequencePool(["x", "yy", "z"], { queueLimit: 0 });
  assert.equal(await pool.acquire((s) => s.length), "yy");
});

test("close rejects waiters", async () => {
  const pool = new SequencePool(["a"], { queueLimit: 2 });
  await pool.acquire();
  const waiting = pool.acquire();
  pool.close();
  await assert.rejects(
    waiting,
    (e: unknown) => e instanceof DeepthinkError && e.code === "model_unavailable",
  );
});
