#!/usr/bin/env node
// Runs every test/**/*.test.ts with node's own test runner (TypeScript through tsx).
// `npm test -- unit` runs only the files whose path contains "unit".
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const filters = process.argv.slice(2);
const files = readdirSync("test", { recursive: true })
  .map((f) => join("test", String(f)))
  .filter((f) => f.endsWith(".test.ts"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(", ")}`);
  process.exit(1);
}
// One file at a time: model tests load llama.cpp with one thread each; 2 cores are not enough to overlap them.
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=1", "--test-reporter=spec", ...files],
  {
    stdio: "inherit",
    env: { ...process.env, NODE_LLAMA_CPP_LOG_LEVEL: process.env.NODE_LLAMA_CPP_LOG_LEVEL ?? "error" },
  },
);
process.exit(result.status ?? 1);
