/**
 * One attached file to text: text-like files decoded (BOM, UTF-8, Windows-1252), HTML to readable text,
 * PDF through PDF.js, DOCX through mammoth. Anything else is refused with a clear error rather than fed
 * to the model as bytes.
 */
import { DeepthinkError } from "../errors.js";
import { decodeText } from "./decode-text.js";
import { extractDocx } from "./extract-docx.js";
import { extractPdf } from "./extract-pdf.js";
import { detectFileKind, extensionOf, type FileKind, SUPPORTED_FORMATS } from "./file-kind.js";
import { cleanFileName } from "./file-limits.js";
import { htmlToReadableText } from "./html-to-text.js";

export interface FileInput {
  /** As uploaded; folders are dropped from what the model sees. */
  name: string;
  bytes: Uint8Array;
  /** The uploader's claim; used only when content and extension say nothing. */
  mime?: string;
}

export interface ExtractedFile {
  /** The cleaned name (`cleanFileName`): what `{file_name}` shows. */
  name: string;
  text: string;
  kind: FileKind;
  /** PDF only. */
  pages?: number;
}

// Formats people often try that we do not read; named so the error can say what to do instead.
const REFUSED: Readonly<Record<string, string>> = {
  doc: "save it as .docx",
  rtf: "save it as .docx or .txt",
  odt: "save it as .docx",
  xls: "export it as CSV",
  xlsx: "export it as CSV",
  ppt: "export it as PDF",
  pptx: "export it as PDF",
};

function unsupported(name: string, hint?: string): DeepthinkError {
  return new DeepthinkError(
    "invalid_request",
    `File '${name}' is not a supported format (${SUPPORTED_FORMATS}).`,
    {
      hint: hint ?? "attach text, or convert the file to PDF or DOCX",
    },
  );
}

/** Decoded text without leading blank lines or trailing whitespace (indentation of line one is kept). */
function textOf(name: string, bytes: Uint8Array): string {
  const text = decodeText(bytes);
  if (text == null) throw unsupported(name, "it looks binary; attach a text, PDF or DOCX file");
  return text.replace(/^\n+/, "").trimEnd();
}

/** Extract one file. Throws `invalid_request` naming the file when it cannot be read. */
export async function extractFile(input: FileInput): Promise<ExtractedFile> {
  const name = cleanFileName(input.name);
  const extension = extensionOf(input.name);
  const refusedHint = Object.hasOwn(REFUSED, extension) ? REFUSED[extension] : undefined;
  const kind = detectFileKind(input);
  if (kind == null && refusedHint != null) throw unsupported(name, refusedHint);
  switch (kind) {
    case "pdf": {
      const { text, pages } = await extractPdf(name, input.bytes);
      return { name, text, kind, pages };
    }
    case "docx":
      return { name, text: await extractDocx(name, input.bytes), kind };
    case "html": {
      const { title, text } = htmlToReadableText(textOf(name, input.bytes));
      // The title is often the best one-line summary of a page, and the article body may not repeat it.
      const withTitle = title !== "" && !text.startsWith(title) ? `${title}\n\n${text}` : text;
      return { name, text: withTitle, kind };
    }
    case null:
      // No format claimed: read it if it is text, refuse if it is not.
      return { name, text: textOf(name, input.bytes), kind: "text" };
    default:
      return { name, text: textOf(name, input.bytes), kind };
  }
}
