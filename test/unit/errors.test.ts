import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError, toDeepthinkError } from "../../src/errors.js";

test("retryable codes are flagged, others are not", () => {
  assert.equal(new DeepthinkError("queue_full", "busy").isRetryable, true);
  assert.equal(new DeepthinkError("invalid_request", "bad").isRetryable, false);
});

test("toDeepthinkError keeps typed errors and wraps the rest", () => {
  const typed = new DeepthinkError("model_not_found", "nope", { param: "model" });
  assert.equal(toDeepthinkError(typed), typed);
  const wrapped = toDeepthinkError(new Error("boom"));
  assert.equal(wrapped.code, "internal");
  assert.equal(wrapped.message, "boom");
  const abort = toDeepthinkError(Object.assign(new Error("x"), { name: "AbortError" }));
  assert.equal(abort.code, "aborted");
});
