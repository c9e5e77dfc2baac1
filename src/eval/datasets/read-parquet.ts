import { basename } from "node:path";
import { asyncBufferFromFile, parquetReadObjects } from "hyparquet";
import { DeepthinkError } from "../../errors.js";
import type { SourcedRow } from "./dataset-rows.js";

/** Every row of a parquet file as an object (hyparquet; snappy built in). int64 columns arrive as bigint. */
export async function readParquet(path: string): Promise<SourcedRow[]> {
  const name = basename(path);
  let objects: Record<string, unknown>[];
  try {
    objects = await parquetReadObjects({ file: await asyncBufferFromFile(path) });
  } catch (error) {
    throw new DeepthinkError(
      "invalid_argument",
      `${name} is not a readable parquet file: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, param: "data" },
    );
  }
  return objects.map((value, i) => ({ where: `${name} row ${i + 1}`, value }));
}
