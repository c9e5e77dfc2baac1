/**
 * Bytes to text for text-like files and fetched pages: the byte-order mark first, then a declared
 * charset, then strict UTF-8, then Windows-1252 (what old "plain text" usually is). Binary content (NUL
 * bytes early on) is not text: the result is null. Line endings become `\n`.
 */

function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/** NUL bytes in the first 8 KiB: a binary file (text in UTF-8 or a legacy charset never has them). */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

// Windows-1252's 0x80–0x9F (€, smart quotes, dashes…); Node 20's TextDecoder decodes "windows-1252"
// as ISO-8859-1, which maps these to invisible C1 controls. Undefined positions keep their C1 value.
const CP1252_HIGH =
  "\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178";

function decodeWindows1252(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) {
    text += byte >= 0x80 && byte < 0xa0 ? CP1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  }
  return text;
}

function decoderFor(label: string, fatal: boolean): TextDecoder | null {
  try {
    return new TextDecoder(label, { fatal });
  } catch {
    return null; // an unknown charset label: fall back to sniffing
  }
}

export function decodeText(bytes: Uint8Array, charset?: string): string | null {
  const bom = bomEncoding(bytes);
  let text: string;
  if (bom != null) {
    text = new TextDecoder(bom.encoding).decode(bytes.subarray(bom.skip));
  } else {
    if (looksBinary(bytes)) return null;
    const label = charset?.trim().toLowerCase();
    const declared = label != null ? decoderFor(label, false) : null;
    // Every label the WHATWG Encoding standard maps to windows-1252 (latin1, iso-8859-1, ascii, …).
    if (declared?.encoding === "windows-1252") text = decodeWindows1252(bytes);
    else if (declared != null) text = declared.decode(bytes);
    else {
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        text = decodeWindows1252(bytes);
      }
    }
  }
  return text.replace(/\r\n?/g, "\n");
}
