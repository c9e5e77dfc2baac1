import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { quantOfFileName, splitPartName, splitPartOf } from "../../src/models/gguf-file-names.js";
import type { HubFile } from "../../src/models/hub-api.js";
import { localFileName, partNames } from "../../src/models/local-files.js";
import { hfFileFileName, hfQuantFileName, urlFileName } from "../../src/models/local-names.js";
import { parseModelRef } from "../../src/models/model-ref.js";
import { availableQuants, selectPathFiles, selectQuantFiles } from "../../src/models/select-hub-files.js";

test("quant tags and split parts are read off GGUF file names", () => {
  const cases: [string, string | undefined][] = [
    ["DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf", "Q4_K_M"],
    ["DeepSeek-R1-Distill-Qwen-7B.Q8_0.gguf", "Q8_0"],
    ["DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf", "UD-IQ1_S"],
    ["DeepSeek-R1.Q8_0-00002-of-00015.gguf", "Q8_0"],
    ["DeepSeek-R1-Q2_K_XS-00001-of-00005.gguf", "Q2_K_XS"],
    ["DeepSeek-R1-Distill-Qwen-1.5B-F16.gguf", "F16"],
    ["model-BF16.gguf", "BF16"],
    ["x.i1-Q4_K_M.gguf", "Q4_K_M"],
    ["r1-1776-UD-Q4_K_XL-00001-of-00009.gguf", "UD-Q4_K_XL"],
    ["model.gguf", undefined],
    ["README.md", undefined],
  ];
  for (const [name, quant] of cases) assert.equal(quantOfFileName(name), quant, name);
  assert.deepEqual(splitPartOf("a-Q4_K_M-00002-of-00009.gguf"), { part: 2, parts: 9, stem: "a-Q4_K_M" });
  assert.equal(splitPartOf("a-00010-of-00009.gguf"), undefined);
  assert.equal(splitPartName("a.Q4_K_M.gguf", 3, 12), "a.Q4_K_M-00003-of-00012.gguf");
});

test("local names follow node-llama-cpp's hf_<user>_<model>.<QUANT>.gguf scheme", () => {
  assert.equal(
    hfQuantFileName("unsloth", "DeepSeek-R1-Distill-Qwen-1.5B-GGUF", "q4_k_m"),
    "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf",
  );
  assert.equal(
    hfQuantFileName("unsloth", "DeepSeek-R1-GGUF", "UD-IQ1_S", "main", { part: 1, parts: 3 }),
    "hf_unsloth_DeepSeek-R1.UD-IQ1_S-00001-of-00003.gguf",
  );
  assert.equal(hfQuantFileName("u", "Model-GGUF", "Q8_0", "dev"), "hf_u_Model-GGUF_dev_Model.Q8_0.gguf");
  assert.equal(
    hfFileFileName(
      "bartowski",
      "DeepSeek-R1-Distill-Qwen-14B-GGUF",
      "DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf",
    ),
    "hf_bartowski_DeepSeek-R1-Distill-Qwen-14B-Q4_K_M.gguf",
  );
  assert.equal(
    hfFileFileName(
      "unsloth",
      "DeepSeek-R1-GGUF",
      "DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf",
    ),
    "hf_unsloth_DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf",
  );
  assert.equal(
    hfFileFileName("u", "Thing-GGUF", "sub/dir/other.gguf"),
    "hf_u_Thing-GGUF_sub__dir_other.gguf",
  );
  assert.equal(
    urlFileName("http://127.0.0.1:8080/a/b/My%20Model.gguf?x=1"),
    "url_127.0.0.1-8080_My Model.gguf",
  );
  assert.equal(urlFileName("https://example.com/download"), "url_example.com_download.gguf");
  const ref = parseModelRef("r1-distill-qwen-7b:Q8_0");
  assert.ok(ref.kind === "alias");
  assert.equal(localFileName(ref), "hf_unsloth_DeepSeek-R1-Distill-Qwen-7B.Q8_0.gguf");
});

test("split sets are found offline from part 1's name", () => {
  const listing = new Map([
    ["hf_u_M.Q2_K-00001-of-00002.gguf", 10],
    ["hf_u_M.Q2_K-00002-of-00002.gguf.partial", 5],
    ["hf_u_M.Q8_0.gguf", 10],
  ]);
  assert.deepEqual(partNames("hf_u_M.Q2_K.gguf", listing), [
    "hf_u_M.Q2_K-00001-of-00002.gguf",
    "hf_u_M.Q2_K-00002-of-00002.gguf",
  ]);
  assert.deepEqual(partNames("hf_u_M.Q8_0.gguf", listing), ["hf_u_M.Q8_0.gguf"]);
  assert.deepEqual(partNames("hf_u_M.Q4_K_M.gguf", listing), ["hf_u_M.Q4_K_M.gguf"]);
});

const file = (path: string, size = 1): HubFile => ({ path, size, sha256: undefined });

test("a quant's files are picked from the listing, parts in order; missing quants list what exists", () => {
  const listing = [
    file("README.md"),
    file("M-UD-IQ1_S/M-UD-IQ1_S-00002-of-00002.gguf"),
    file("M-UD-IQ1_S/M-UD-IQ1_S-00001-of-00002.gguf"),
    file("M-Q4_K_M.gguf"),
    file("mmproj-M-F16.gguf"),
    file("M-Q3_K_M/M-Q3_K_M-00001-of-00002.gguf"),
  ];
  assert.deepEqual(availableQuants(listing), ["Q3_K_M", "Q4_K_M", "UD-IQ1_S"]);
  assert.deepEqual(
    selectQuantFiles(listing, "ud-iq1_s", "u/M-GGUF").map((f) => f.path),
    ["M-UD-IQ1_S/M-UD-IQ1_S-00001-of-00002.gguf", "M-UD-IQ1_S/M-UD-IQ1_S-00002-of-00002.gguf"],
  );
  assert.deepEqual(
    selectQuantFiles(listing, "Q4_K_M", "u/M-GGUF").map((f) => f.path),
    ["M-Q4_K_M.gguf"],
  );
  assert.throws(
    () => selectQuantFiles(listing, "F16", "u/M-GGUF"),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.message === "u/M-GGUF has no F16 quantisation; it has Q3_K_M, Q4_K_M, UD-IQ1_S." &&
      error.hint === "pick one, e.g. deepthink pull hf:u/M-GGUF:Q4_K_M",
  );
  assert.throws(
    () => selectQuantFiles(listing, "Q3_K_M", "u/M-GGUF"),
    (error: unknown) => error instanceof DeepthinkError && /lists 1 of the 2 parts/.test(error.message),
  );
  assert.deepEqual(
    selectPathFiles(listing, "M-UD-IQ1_S/M-UD-IQ1_S-00001-of-00002.gguf", "u/M-GGUF").map((f) => f.path),
    ["M-UD-IQ1_S/M-UD-IQ1_S-00001-of-00002.gguf", "M-UD-IQ1_S/M-UD-IQ1_S-00002-of-00002.gguf"],
  );
  assert.throws(
    () => selectPathFiles(listing, "nope.gguf", "u/M-GGUF"),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === "model_not_found" &&
      /M-Q4_K_M\.gguf/.test(error.message),
  );
});
