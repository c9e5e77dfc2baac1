import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { formatModelRef, type ModelRef, parseModelRef } from "../../src/models/model-ref.js";
import { editDistance, suggestAliases } from "../../src/models/suggest-aliases.js";

const opts = { cwd: "/work/here", homedir: "/home/me" };

function fails(input: string, code: string, pattern: RegExp, options = {}) {
  assert.throws(
    () => parseModelRef(input, { ...opts, ...options }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === code &&
      pattern.test(`${error.message} ${error.hint}`),
    input,
  );
}

test("aliases are case-insensitive and take an optional :QUANT or --quant", () => {
  const ref = parseModelRef("R1-Distill-Qwen-7B", opts);
  assert.equal(ref.kind, "alias");
  assert.equal(ref.kind === "alias" && ref.entry.alias, "r1-distill-qwen-7b");
  assert.equal(ref.kind === "alias" && ref.quant, "Q4_K_M");
  const ollama = parseModelRef("deepseek-r1:1.5b", opts);
  assert.equal(ollama.kind === "alias" && ollama.entry.alias, "r1-distill-qwen-1.5b");
  const tagged = parseModelRef("r1:ud-iq1_m", opts);
  assert.deepEqual(tagged.kind === "alias" && [tagged.entry.alias, tagged.quant], ["r1", "UD-IQ1_M"]);
  const both = parseModelRef("deepseek-r1:7b:Q8_0", opts);
  assert.equal(both.kind === "alias" && both.quant, "Q8_0");
  const override = parseModelRef("r1-distill-qwen-7b", { ...opts, quant: "q5_k_m" });
  assert.equal(override.kind === "alias" && override.quant, "Q5_K_M");
  assert.equal(formatModelRef(override), "r1-distill-qwen-7b:Q5_K_M");
  assert.equal(formatModelRef(parseModelRef("deepseek-r1:7b", opts)), "r1-distill-qwen-7b");
});

test("hf: refs: repo with quant, repo alone, file path, revision", () => {
  const quant = parseModelRef("hf:unsloth/DeepSeek-R1-GGUF:UD-IQ1_S", opts);
  assert.deepEqual(quant, {
    kind: "hf",
    input: "hf:unsloth/DeepSeek-R1-GGUF:UD-IQ1_S",
    user: "unsloth",
    repo: "DeepSeek-R1-GGUF",
    revision: "main",
    quant: "UD-IQ1_S",
  } satisfies ModelRef);
  // No quant: the catalog default for a catalog repo, else Q4_K_M like node-llama-cpp.
  const catalogRepo = parseModelRef("hf://unsloth/DeepSeek-R1-GGUF", opts);
  assert.equal(catalogRepo.kind === "hf" && catalogRepo.quant, "UD-IQ1_S");
  const otherRepo = parseModelRef("hf:someone/Model-GGUF", opts);
  assert.equal(otherRepo.kind === "hf" && otherRepo.quant, "Q4_K_M");
  const file = parseModelRef("hf:bartowski/X-GGUF/sub/X-Q4_K_M.gguf#v2", opts);
  assert.deepEqual(file.kind === "hf-file" && [file.user, file.repo, file.path, file.revision], [
    "bartowski",
    "X-GGUF",
    "sub/X-Q4_K_M.gguf",
    "v2",
  ]);
  assert.equal(formatModelRef(file), "hf:bartowski/X-GGUF/sub/X-Q4_K_M.gguf#v2");
});

test("huggingface.co links pasted from a browser become hf: refs", () => {
  const page = parseModelRef("https://huggingface.co/unsloth/DeepSeek-R1-GGUF", opts);
  assert.deepEqual(page.kind === "hf" && [page.user, page.repo, page.quant], [
    "unsloth",
    "DeepSeek-R1-GGUF",
    "UD-IQ1_S",
  ]);
  const tree = parseModelRef("https://huggingface.co/someone/M-GGUF/tree/main", { ...opts, quant: "Q8_0" });
  assert.equal(tree.kind === "hf" && tree.quant, "Q8_0");
  for (const verb of ["blob", "resolve"]) {
    const file = parseModelRef(
      `https://huggingface.co/u/M-GGUF/${verb}/main/sub/M-Q4_K_M.gguf?download=true`,
      opts,
    );
    assert.deepEqual(file.kind === "hf-file" && [file.user, file.repo, file.revision, file.path], [
      "u",
      "M-GGUF",
      "main",
      "sub/M-Q4_K_M.gguf",
    ]);
  }
  assert.equal(parseModelRef("https://example.com/u/r", opts).kind, "url");
});

test("URLs and local paths", () => {
  assert.deepEqual(parseModelRef("http://127.0.0.1:8080/m.gguf", opts), {
    kind: "url",
    input: "http://127.0.0.1:8080/m.gguf",
    url: "http://127.0.0.1:8080/m.gguf",
  });
  const cases: [string, string][] = [
    ["./models/a.gguf", "/work/here/models/a.gguf"],
    ["../a.gguf", "/work/a.gguf"],
    ["a.gguf", "/work/here/a.gguf"],
    ["sub/dir/model", "/work/here/sub/dir/model"],
    ["/abs/a.gguf", "/abs/a.gguf"],
    ["~/models/a.gguf", "/home/me/models/a.gguf"],
  ];
  for (const [input, path] of cases) {
    const ref = parseModelRef(input, opts);
    assert.deepEqual([ref.kind, ref.kind === "file" && ref.path], ["file", path], input);
  }
});

test("an unknown alias is model_not_found with the closest aliases and a pointer to `deepthink models`", () => {
  fails("r1-distil-qwen-7b", "model_not_found", /Did you mean r1-distill-qwen-7b\?.*deepthink models/);
  fails("qwen-32b", "model_not_found", /Did you mean r1-distill-qwen-32b/);
  fails(
    "deepseek-r1:3b",
    "model_not_found",
    /Did you mean r1-distill-qwen-7b, r1-distill-llama-8b, r1-distill-qwen-32b\?/,
  );
  fails("gpt-4o", "model_not_found", /^Unknown model "gpt-4o"\. .*deepthink models/);
  assert.deepEqual(suggestAliases("r1zero"), ["r1-zero"]);
  assert.equal(editDistance("kitten", "sitting"), 3);
});

test("bad refs say what is wrong and how to write it", () => {
  fails("", "invalid_argument", /No model given/);
  fails("hf:justone", "invalid_argument", /hf:user\/repo:QUANT/);
  fails("hf:user/repo:Q4 K", "invalid_argument", /not a quantisation tag/);
  fails("hf:user/repo/../x.gguf", "invalid_argument", /not a Hugging Face ref/);
  fails("ftp://host/x.gguf", "invalid_argument", /Unsupported URL scheme/);
  fails("r1", "invalid_argument", /not a quantisation tag/, { quant: "best" });
  fails("https://h/x.gguf", "invalid_argument", /--quant cannot be combined with a URL/, { quant: "Q8_0" });
  fails("./x.gguf", "invalid_argument", /--quant cannot be combined with a local file/, { quant: "Q8_0" });
});
