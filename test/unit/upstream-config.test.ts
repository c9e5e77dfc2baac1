/** `--upstream NAME=URL[,URL…]`, `--upstream-key`, the upstreams file, and the model they make. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  applyUpstreamKeys,
  createUpstreamModel,
  parseUpstreamConfig,
  parseUpstreamFlag,
} from "../../src/engine/router/index.js";
import { DeepthinkError } from "../../src/errors.js";

const invalid = (pattern: RegExp, param?: string) => (error: unknown) => {
  assert.ok(error instanceof DeepthinkError);
  assert.equal(error.code, "invalid_argument");
  assert.match(error.message, pattern);
  if (param != null) assert.equal(error.param, param);
  return true;
};

describe("--upstream", () => {
  test("NAME=URL[,URL…]", () => {
    assert.deepEqual(parseUpstreamFlag("r1=http://gpu1:8000, http://gpu2:8000/v1"), {
      name: "r1",
      urls: ["http://gpu1:8000", "http://gpu2:8000/v1"],
    });
    assert.deepEqual(
      parseUpstreamFlag("deepseek-ai/DeepSeek-R1=http://gpu1:8000").name,
      "deepseek-ai/DeepSeek-R1",
    );
  });
  test("malformed values say what the syntax is", () => {
    assert.throws(
      () => parseUpstreamFlag("http://gpu1:8000"),
      invalid(/must be NAME=URL\[,URL…\]/, "--upstream"),
    );
    assert.throws(() => parseUpstreamFlag("r1="), invalid(/names no URL/));
    assert.throws(
      () => parseUpstreamFlag("r1=gpu1:8000"),
      invalid(/'r1': The upstream URL 'gpu1:8000' must start with http/),
    );
  });
  test("--upstream-key: shared, or per model by name; '=' inside a key is fine", () => {
    const specs = [parseUpstreamFlag("r1=http://a:1"), parseUpstreamFlag("ds=https://api.deepseek.com")];
    const keyed = applyUpstreamKeys(specs, ["sk-shared==", "ds=sk-ds"]);
    assert.deepEqual(
      keyed.map((s) => s.apiKey),
      ["sk-shared==", "sk-ds"],
    );
  });
});

describe("the upstreams file", () => {
  const text = [
    "# name = replica URLs   options",
    "r1 = http://gpu1:8000, http://gpu2:8000   kind=vllm  model=deepseek-ai/DeepSeek-R1  max-concurrent=128",
    "",
    "deepseek-reasoner = https://api.deepseek.com  kind=deepseek api-key-env=DEEPSEEK_API_KEY  # the hosted one",
    "local = http://127.0.0.1:8081 aliases=r1-distill,small reasoning=none health-path=/healthz",
  ].join("\n");

  test("one model per line, options validated", () => {
    assert.deepEqual(parseUpstreamConfig(text, "upstreams.conf"), [
      {
        name: "r1",
        urls: ["http://gpu1:8000", "http://gpu2:8000"],
        kind: "vllm",
        upstreamModel: "deepseek-ai/DeepSeek-R1",
        maxConcurrentPerReplica: 128,
      },
      {
        name: "deepseek-reasoner",
        urls: ["https://api.deepseek.com"],
        kind: "deepseek",
        apiKeyEnv: "DEEPSEEK_API_KEY",
      },
      {
        name: "local",
        urls: ["http://127.0.0.1:8081"],
        aliases: ["r1-distill", "small"],
        reasoningSplit: "none",
        healthPath: "/healthz",
      },
    ]);
  });

  const bad: Array<[string, RegExp]> = [
    ["r1 http://gpu1:8000", /line 2: expected NAME = URL/],
    ["r1 = http://gpu1:8000 kind=vlm", /line 2: option 'kind' .*"vllm"/],
    ["r1 = http://gpu1:8000 flavour=vllm", /line 2: unknown option 'flavour'; known: kind, model/],
    ["r1 = http://gpu1:8000 max-concurrent=0", /line 2: option 'max-concurrent' /],
    ["r1 = http://gpu1:8000 kind=vllm kind=sglang", /line 2: option 'kind' is given twice/],
    ["r1 = gpu1:8000", /line 2: 'r1': The upstream URL/],
    ["x = http://a:1\nx = http://b:1", /line 3: the model 'x' is already defined on line 2/],
  ];
  for (const [line, pattern] of bad) {
    test(`errors name the file and line: ${JSON.stringify(line)}`, () => {
      assert.throws(() => parseUpstreamConfig(`# comment\n${line}`, "upstreams.conf"), invalid(pattern));
    });
  }
});

describe("createUpstreamModel", () => {
  test("a router over one upstream engine per URL, named by the spec", () => {
    const model = createUpstreamModel(
      {
        name: "r1",
        urls: ["http://gpu1:8000", "http://gpu2:8000/v1"],
        aliases: ["deepseek-r1"],
        maxConcurrentPerReplica: 8,
      },
      { router: { healthIntervalMs: 0 } },
    );
    const info = model.info();
    assert.equal(info.modelId, "r1");
    assert.deepEqual(info.aliases, ["deepseek-r1"]);
    assert.equal(info.parallel, 16);
    assert.deepEqual(
      model.replicaStats().map((s) => s.label),
      ["http://gpu1:8000", "http://gpu2:8000"],
    );
  });
  test("a key taken from the environment must be there", () => {
    assert.throws(
      () =>
        createUpstreamModel(
          { name: "ds", urls: ["https://api.deepseek.com"], apiKeyEnv: "DS_KEY" },
          { env: {} },
        ),
      invalid(/takes its key from DS_KEY, which is not set/, "DS_KEY"),
    );
  });
});
