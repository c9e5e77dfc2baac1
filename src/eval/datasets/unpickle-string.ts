/**
 * LiveCodeBench ships its private tests as base64(zlib(pickle(json string))). Unpickling arbitrary data
 * means running a small VM; a pickle of one `str` needs only these opcodes, so this reads exactly that and
 * refuses anything else (no object construction, nothing to exploit).
 */
import { inflateSync } from "node:zlib";

const STOP = 0x2e;
const PROTO = 0x80;
const FRAME = 0x95;
const SHORT_BINUNICODE = 0x8c;
const BINUNICODE = 0x58;
const BINUNICODE8 = 0x8d;
const MEMOIZE = 0x94;
const BINPUT = 0x71;
const LONG_BINPUT = 0x72;

export function unpickleString(bytes: Uint8Array): string {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  let value: string | undefined;
  const need = (n: number) => {
    if (at + n > data.length) throw new Error("pickle ends early");
  };
  while (at < data.length) {
    const op = data[at++]!;
    switch (op) {
      case PROTO:
        need(1);
        at += 1;
        break;
      case FRAME:
        need(8);
        at += 8;
        break;
      case MEMOIZE:
        break;
      case BINPUT:
        need(1);
        at += 1;
        break;
      case LONG_BINPUT:
        need(4);
        at += 4;
        break;
      case SHORT_BINUNICODE:
      case BINUNICODE:
      case BINUNICODE8: {
        if (value != null) throw new Error("pickle holds more than one string");
        const width = op === SHORT_BINUNICODE ? 1 : op === BINUNICODE ? 4 : 8;
        need(width);
        const length =
          width === 1 ? data[at]! : width === 4 ? data.readUInt32LE(at) : Number(data.readBigUInt64LE(at));
        at += width;
        need(length);
        value = data.toString("utf8", at, at + length);
        at += length;
        break;
      }
      case STOP:
        if (value == null) throw new Error("pickle holds no string");
        return value;
      default:
        throw new Error(`pickle opcode 0x${op.toString(16)} is not a plain string`);
    }
  }
  throw new Error("pickle has no STOP");
}

/** LiveCodeBench's `private_test_cases` field: plain JSON in early releases, else base64 → zlib → pickle. */
export function decodeLcbTests(field: string): string {
  const trimmed = field.trimStart();
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) return field;
  return unpickleString(inflateSync(Buffer.from(field, "base64")));
}
