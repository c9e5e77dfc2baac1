/**
 * Worker entry: one compute-engine per worker, comparisons on request. The pool terminates this thread
 * when a comparison overruns its time limit — the only way to stop a synchronous `simplify`.
 */
import { parentPort } from "node:worker_threads";
import { ComputeEngine } from "@cortex-js/compute-engine";
import { differ } from "./equivalence-verdict.js";
import { mathEquivalent } from "./math-equivalence.js";
import type { WorkerReply, WorkerTask } from "./worker-pool.js";

const port = parentPort;
if (port == null) throw new Error("math-worker.ts runs as a worker thread only.");
const ce = new ComputeEngine();

port.on("message", (task: WorkerTask) => {
  let reply: WorkerReply;
  try {
    reply = { id: task.id, verdict: mathEquivalent(ce, task.gold, task.pred) };
  } catch (error) {
    reply = {
      id: task.id,
      verdict: differ(`error: ${error instanceof Error ? error.message : String(error)}`),
    };
  }
  port.postMessage(reply);
});
port.postMessage({ ready: true });
