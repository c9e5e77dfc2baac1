#!/usr/bin/env node
// `npm start`: build when the sources are newer than dist/, then serve the default model
// (`deepthink serve`, which downloads it with a progress bar on first run). Extra args pass through:
// npm start -- --port 9000 ./model.gguf
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { recursive: true })) {
    const path = join(dir, String(entry));
    const stat = statSync(path);
    if (stat.isFile()) latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

const built = existsSync("dist/cli/main.js");
if (!built || newest("src") > newest("dist")) {
  console.error(built ? "sources changed: rebuilding…" : "first start: building…");
  const build = spawnSync(
    process.execPath,
    ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json"],
    { stdio: "inherit" },
  );
  if (build.status !== 0) process.exit(build.status ?? 1);
}
if (existsSync("web")) {
  const index = "dist/web/index.html";
  if (!existsSync(index) || newest("web") > statSync(index).mtimeMs) {
    console.error("building the chat app…");
    const vite = "node_modules/vite/bin/vite.js";
    const web = spawnSync(
      process.execPath,
      [vite, "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
      {
        stdio: "inherit",
      },
    );
    if (web.status !== 0) process.exit(web.status ?? 1);
  }
}
const serve = spawnSync(process.execPath, ["bin/deepthink.js", "serve", ...process.argv.slice(2)], {
  stdio: "inherit",
});
process.exit(serve.status ?? 1);
