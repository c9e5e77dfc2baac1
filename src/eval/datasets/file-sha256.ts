import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

/** Hex sha256 of a file, streamed (LiveCodeBench's files run to hundreds of MB). */
export async function fileSha256(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash("sha256");
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), bytes };
}
