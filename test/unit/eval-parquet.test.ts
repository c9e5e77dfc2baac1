/**
 * The parquet path (AIME 2024/2025 ship as parquet). hyparquet only reads, so the test writes its own
 * tiny file: uncompressed PLAIN data pages and a Thrift-compact footer, which is all the format needs.
 */
import assert from "node:assert/strict";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { loadBenchmark } from "../../src/eval/datasets/load-benchmark.js";

/** Thrift compact protocol, just what a parquet footer uses. */
class Compact {
  readonly bytes: number[] = [];
  #last: number[] = [0];

  varint(n: bigint): this {
    let v = n;
    do {
      let byte = Number(v & 0x7fn);
      v >>= 7n;
      if (v > 0n) byte |= 0x80;
      this.bytes.push(byte);
    } while (v > 0n);
    return this;
  }
  zigzag(n: number | bigint): this {
    const v = BigInt(n);
    return this.varint(v >= 0n ? v << 1n : (-v << 1n) - 1n);
  }
  field(id: number, type: number): this {
    const delta = id - this.#last[this.#last.length - 1]!;
    if (delta > 0 && delta <= 15) {
      this.bytes.push((delta << 4) | type);
    } else {
      this.bytes.push(type);
      this.zigzag(id);
    }
    this.#last[this.#last.length - 1] = id;
    return this;
  }
  i32(id: number, v: number): this {
    return this.field(id, 5).zigzag(v);
  }
  i64(id: number, v: number): this {
    return this.field(id, 6).zigzag(v);
  }
  string(id: number, s: string): this {
    return this.field(id, 8).binary(s);
  }
  binary(s: string): this {
    const utf8 = Buffer.from(s);
    this.varint(BigInt(utf8.length));
    this.bytes.push(...utf8);
    return this;
  }
  list(id: number, type: number, items: Array<() => void>): this {
    this.field(id, 9);
    this.bytes.push(items.length < 15 ? (items.length << 4) | type : 0xf0 | type);
    if (items.length >= 15) this.varint(BigInt(items.length));
    for (const item of items) item();
    return this;
  }
  struct(id: number | null, body: () => void): this {
    if (id != null) this.field(id, 12);
    this.#last.push(0);
    body();
    this.#last.pop();
    this.bytes.push(0);
    return this;
  }
}

type Column =
  | { name: string; kind: "int64"; values: number[] }
  | { name: string; kind: "utf8"; values: string[] };

function writeParquet(columns: Column[]): Buffer {
  const rows = columns[0]!.values.length;
  const chunks: Buffer[] = [Buffer.from("PAR1")];
  let offset = 4;
  const metas: Array<{ column: Column; offset: number; size: number }> = [];
  for (const column of columns) {
    const data =
      column.kind === "int64"
        ? Buffer.concat(column.values.map(int64))
        : Buffer.concat(column.values.flatMap((v) => [u32(Buffer.byteLength(v)), Buffer.from(v)]));
    const header = new Compact();
    header.struct(null, () => {
      header.i32(1, 0).i32(2, data.length).i32(3, data.length);
      header.struct(5, () => header.i32(1, rows).i32(2, 0).i32(3, 3).i32(4, 3));
    });
    const page = Buffer.concat([Buffer.from(header.bytes), data]);
    metas.push({ column, offset, size: page.length });
    chunks.push(page);
    offset += page.length;
  }
  const footer = new Compact();
  footer.struct(null, () => {
    footer.i32(1, 1);
    footer.list(2, 12, [
      () => footer.struct(null, () => footer.string(4, "schema").i32(5, columns.length)),
      ...columns.map(
        (c) => () =>
          footer.struct(null, () => {
            footer
              .i32(1, c.kind === "int64" ? 2 : 6)
              .i32(3, 0)
              .string(4, c.name);
            if (c.kind === "utf8") footer.i32(6, 0);
          }),
      ),
    ]);
    footer.i64(3, rows);
    footer.list(4, 12, [
      () =>
        footer.struct(null, () => {
          footer.list(
            1,
            12,
            metas.map(
              (m) => () =>
                footer.struct(null, () => {
                  footer.i64(2, m.offset);
                  footer.struct(3, () => {
                    footer.i32(1, m.column.kind === "int64" ? 2 : 6);
                    footer.list(2, 5, [() => footer.zigzag(0)]);
                    footer.list(3, 8, [() => footer.binary(m.column.name)]);
                    footer.i32(4, 0).i64(5, rows).i64(6, m.size).i64(7, m.size).i64(9, m.offset);
                  });
                }),
            ),
          );
          footer
            .i64(
              2,
              metas.reduce((s, m) => s + m.size, 0),
            )
            .i64(3, rows);
        }),
    ]);
  });
  const meta = Buffer.from(footer.bytes);
  chunks.push(meta, u32(meta.length), Buffer.from("PAR1"));
  return Buffer.concat(chunks);
}

function int64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigInt64LE(BigInt(n));
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}

test("AIME 2024 from a parquet file served by the Hub stand-in: int64 ids, string answers, integer grading", async () => {
  const file = writeParquet([
    { name: "id", kind: "int64", values: [60, 61] },
    { name: "problem", kind: "utf8", values: ["Find $x$ such that…", "Compute the sum of ¼ and ¾."] },
    { name: "answer", kind: "utf8", values: ["033", "1"] },
  ]);
  const server = createServer((req, res) => {
    if (req.url === "/datasets/HuggingFaceH4/aime_2024/resolve/main/data/train-00000-of-00001.parquet")
      res.end(file);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const env = {
      DEEPTHINK_HOME: await mkdtemp(join(tmpdir(), "deepthink-parquet-")),
      HF_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    };
    const loaded = await loadBenchmark("aime24", {}, { env, fetch });
    assert.deepEqual(loaded.problems, [
      { id: "60", type: "integer", question: "Find $x$ such that…", gold: "033" },
      { id: "61", type: "integer", question: "Compute the sum of ¼ and ¾.", gold: "1" },
    ]);
    assert.equal(loaded.dataset.rows, 2);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test("a file that is not parquet is reported as such, naming it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "deepthink-parquet-"));
  const path = join(dir, "broken.parquet");
  await writeFile(path, "PAR1 not really");
  await assert.rejects(
    loadBenchmark("aime25", { data: [path] }, { env: { DEEPTHINK_HOME: dir }, fetch }),
    /broken\.parquet is not a readable parquet file/,
  );
});
