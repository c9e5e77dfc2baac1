/**
 * Bytes of weights read from memory per decoded token, from a GGUF's tensor data: every tensor once, except
 * the token embeddings, of which one row is read (they are a lookup table). A model whose output layer is
 * tied to the embeddings reads the whole table for the logits. The KV cache adds a little on top (about
 * 28 KB per context token for a 1.5B distill), which this leaves out.
 */
import { stat } from "node:fs/promises";
import { readGgufFileInfo } from "node-llama-cpp";

export interface WeightBytes {
  /** Bytes of all tensor data in the file. */
  tensorBytes: number;
  /** Bytes read per decoded token. */
  bytesPerToken: number;
}

export async function weightBytesPerToken(modelPath: string): Promise<WeightBytes> {
  const [info, { size: fileSize }] = await Promise.all([
    readGgufFileInfo(modelPath, { sourceType: "filesystem", logWarnings: false }),
    stat(modelPath),
  ]);
  const tensors = [...(info.fullTensorInfo ?? info.tensorInfo ?? [])]
    .map((t) => ({ name: t.name, offset: Number(t.fileOffset), rows: Number(t.dimensions[1] ?? 1) }))
    .sort((a, b) => a.offset - b.offset);
  if (tensors.length === 0) throw new Error(`${modelPath} lists no tensors`);
  // A tensor's size is the distance to the next one (alignment padding of at most 32 bytes included).
  const sizes = new Map(
    tensors.map((t, i) => [t.name, (tensors[i + 1]?.offset ?? fileSize) - t.offset] as const),
  );
  const tensorBytes = fileSize - tensors[0]!.offset;
  const embeddings = tensors.find((t) => t.name === "token_embd.weight");
  const tied = !sizes.has("output.weight");
  const embeddingBytes = embeddings != null ? sizes.get(embeddings.name)! : 0;
  const skipped = embeddings != null && !tied ? embeddingBytes - embeddingBytes / embeddings.rows : 0;
  return { tensorBytes, bytesPerToken: tensorBytes - skipped };
}
