import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { readGgufFileInfo } from "node-llama-cpp";
import { quantTypeFor, type ShapeQuant } from "../../src/test-model/shape-alike.js";
import { writeTestModel } from "../../src/test-model/write-test-model.js";

const dir = mkdtempSync(join(tmpdir(), "shape-alike-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// DeepSeek-R1-Distill-Qwen-1.5B (config.json): hidden 1536, 28 layers, 12/2 heads (head dim 128), FFN 8960,
// vocab 151936, untied output, q/k/v biases.
// biome-ignore format: a table
const LAYER_SHAPES: Record<string, number[]> = {
  "attn_norm.weight": [1536], "attn_q.weight": [1536, 1536], "attn_q.bias": [1536],
  "attn_k.weight": [1536, 256], "attn_k.bias": [256], "attn_v.weight": [1536, 256], "attn_v.bias": [256],
  "attn_output.weight": [1536, 1536], "ffn_norm.weight": [1536], "ffn_gate.weight": [1536, 8960],
  "ffn_up.weight": [1536, 8960], "ffn_down.weight": [8960, 1536],
};

function expectedShapes(): Map<string, number[]> {
  const shapes = new Map<string, number[]>([
    ["token_embd.weight", [1536, 151936]],
    ["output_norm.weight", [1536]],
    ["output.weight", [1536, 151936]],
  ]);
  for (let l = 0; l < 28; l++) {
    for (const [name, dims] of Object.entries(LAYER_SHAPES)) shapes.set(`blk.${l}.${name}`, dims);
  }
  return shapes;
}

// Full sizes of the written files (the published GGUFs are 1.11 GB, 1.06 GB and 1.89 GB).
const FULL_BYTES: Record<ShapeQuant, number> = { q4_k_m: 1114775168, q4_0: 1063681664, q8_0: 1891986560 };
const GGML = { F32: 0, Q4_0: 2, Q8_0: 8, Q4_K: 12, Q6_K: 14 };

describe("shape-alike r1-distill-qwen-1.5b", () => {
  for (const quant of ["q4_k_m", "q4_0", "q8_0"] as const) {
    test(`${quant}: exact tensor shapes, llama-quantize's type mix and the full file size`, async () => {
      const out = join(dir, `${quant}.gguf`);
      const written = await writeTestModel({ out, shape: "r1-distill-qwen-1.5b", quant, headerOnly: true });
      assert.equal(written.fullBytes, FULL_BYTES[quant]);
      assert.equal(statSync(out).size, written.bytes);
      const info = await readGgufFileInfo(out, { logWarnings: false });
      const arch = info.architectureMetadata;
      assert.equal(info.metadata.general.architecture, "qwen2");
      assert.deepEqual(
        [
          arch.block_count,
          arch.embedding_length,
          arch.feed_forward_length,
          arch.attention?.head_count,
          arch.attention?.head_count_kv,
        ],
        [28, 1536, 8960, 12, 2],
      );
      assert.equal(info.metadata.tokenizer.ggml.tokens.length, 151936);
      const expected = expectedShapes();
      const tensors = info.tensorInfo!;
      assert.equal(tensors.length, expected.size);
      for (const t of tensors) assert.deepEqual(t.dimensions, expected.get(t.name), t.name);
      const typeOf = (name: string) => tensors.find((t) => t.name === name)?.ggmlType;
      assert.equal(typeOf("blk.0.attn_q.bias"), GGML.F32);
      assert.equal(typeOf("output.weight"), quant === "q8_0" ? GGML.Q8_0 : GGML.Q6_K);
      if (quant === "q4_k_m") {
        assert.equal(typeOf("token_embd.weight"), GGML.Q4_K);
        // use_more_bits(i, 28): i < 3, i >= 24, or (i - 3) % 3 == 2 → 14 layers with Q6_K attn_v and ffn_down
        const q6 = tensors.filter((t) => t.name.endsWith("ffn_down.weight") && t.ggmlType === GGML.Q6_K);
        assert.deepEqual(
          q6.map((t) => Number(t.name.split(".")[1])),
          [0, 1, 2, 5, 8, 11, 14, 17, 20, 23, 24, 25, 26, 27],
        );
        assert.equal(typeOf("blk.5.attn_v.weight"), GGML.Q6_K);
        assert.equal(typeOf("blk.4.attn_v.weight"), GGML.Q4_K);
      }
    });
  }

  test("quantTypeFor follows llama-quantize for Q4_0 and Q8_0", () => {
    assert.equal(quantTypeFor("q4_0", "blk.3.ffn_down.weight", 3, 28).name, "Q4_0");
    assert.equal(quantTypeFor("q4_0", "output.weight", -1, 28).name, "Q6_K");
    assert.equal(quantTypeFor("q8_0", "output.weight", -1, 28).name, "Q8_0");
  });

  test("fewer layers keep every other shape", async () => {
    const out = join(dir, "two-layers.gguf");
    const written = await writeTestModel({ out, shape: "r1-distill-qwen-1.5b", layers: 2, headerOnly: true });
    assert.equal(written.layers, 2);
    const info = await readGgufFileInfo(out, { logWarnings: false });
    assert.equal(info.tensorInfo!.length, 3 + 2 * 12);
  });
});
