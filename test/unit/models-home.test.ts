import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { loadModelsHome } from "../../src/models/home.js";
import { hubHeaders, loadHubConfig } from "../../src/models/hub-config.js";

const where = { homedir: "/home/me", cwd: "/work" };

test("DEEPTHINK_HOME defaults to ~/.deepthink; models live in its models folder", () => {
  assert.deepEqual(loadModelsHome({}, where), {
    home: "/home/me/.deepthink",
    modelsDir: "/home/me/.deepthink/models",
  });
  assert.deepEqual(loadModelsHome({ DEEPTHINK_HOME: "  " }, where).home, "/home/me/.deepthink");
  assert.deepEqual(loadModelsHome({ DEEPTHINK_HOME: "/data/dt" }, where).modelsDir, "/data/dt/models");
  assert.deepEqual(loadModelsHome({ DEEPTHINK_HOME: "~/dt" }, where).home, "/home/me/dt");
  assert.deepEqual(loadModelsHome({ DEEPTHINK_HOME: "rel/dt" }, where).home, "/work/rel/dt");
});

test("Hub settings: HF_ENDPOINT validated, HF_TOKEN preferred over HUGGING_FACE_HUB_TOKEN", () => {
  assert.deepEqual(loadHubConfig({}), {
    endpoint: "https://huggingface.co",
    token: undefined,
    tokenVariable: undefined,
  });
  const mirror = loadHubConfig({ HF_ENDPOINT: "https://hf-mirror.com/", HUGGING_FACE_HUB_TOKEN: "old" });
  assert.deepEqual(mirror, {
    endpoint: "https://hf-mirror.com",
    token: "old",
    tokenVariable: "HUGGING_FACE_HUB_TOKEN",
  });
  assert.equal(loadHubConfig({ HF_TOKEN: "new", HUGGING_FACE_HUB_TOKEN: "old" }).token, "new");
  assert.throws(
    () => loadHubConfig({ HF_ENDPOINT: "huggingface.co" }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.param === "HF_ENDPOINT" &&
      /huggingface\.co/.test(error.message),
  );
});

test("the token goes to the Hub's host only", () => {
  const config = loadHubConfig({ HF_TOKEN: "hf_x" });
  assert.equal(
    hubHeaders(config, "https://huggingface.co/u/r/resolve/main/f.gguf").authorization,
    "Bearer hf_x",
  );
  assert.equal(hubHeaders(config, "https://example.com/f.gguf").authorization, undefined);
});
