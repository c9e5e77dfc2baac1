/**
 * DOCX text with mammoth (raw text: paragraphs separated by blank lines; tables and lists flattened to
 * their text). Legacy .doc files are not DOCX and are refused by the caller.
 */
import mammoth from "mammoth";
import { DeepthinkError } from "../errors.js";

export async function extractDocx(name: string, bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    return result.value
      .replace(/\r\n?/g, "\n")
      .replace(/[ \t]+\n/g, "\n")
      .replace(/\n{3,}/g, "\n\n")
      .trim();
  } catch (error) {
    throw new DeepthinkError(
      "invalid_request",
      `File '${name}' could not be read as DOCX (${error instanceof Error ? error.message : String(error)}).`,
      { cause: error, hint: "save it again as .docx (Word 2007 or later), or attach it as PDF or text" },
    );
  }
}
