/**
 * PDF text with pdfjs-dist (Mozilla's PDF.js), the legacy build because it runs on Node 20 without
 * browser globals. Text items are joined in reading order as PDF.js gives them; a change of baseline
 * starts a new line, and pages are separated by a blank line. No OCR: a scanned PDF has no text.
 */
import { DeepthinkError } from "../errors.js";

export interface PdfText {
  text: string;
  pages: number;
}

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
  transform?: number[];
}

function pageText(items: readonly TextItemLike[]): string {
  let text = "";
  let lastY: number | undefined;
  for (const item of items) {
    if (item.str == null) continue; // marked-content markers carry no text
    const y = item.transform?.[5];
    if (lastY != null && y != null && Math.abs(y - lastY) > 1 && !text.endsWith("\n")) text += "\n";
    text += item.str;
    if (item.hasEOL === true && !text.endsWith("\n")) text += "\n";
    if (y != null) lastY = y;
  }
  return text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export async function extractPdf(name: string, bytes: Uint8Array): Promise<PdfText> {
  // Loaded on first use: PDF.js is large and most requests carry no PDF.
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    // PDF.js takes ownership of (detaches) the buffer it is given, so it gets a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
  });
  try {
    const doc = await task.promise;
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      pages.push(pageText(content.items as TextItemLike[]));
      page.cleanup();
    }
    const text = pages.filter((page) => page !== "").join("\n\n");
    if (text === "") {
      throw new DeepthinkError("invalid_request", `File '${name}' is a PDF with no text to extract.`, {
        hint: "it may be scanned images; OCR is not supported: attach a PDF with a text layer",
      });
    }
    return { text, pages: doc.numPages };
  } catch (error) {
    if (error instanceof DeepthinkError) throw error;
    const kind = error instanceof Error ? error.name : "";
    const reason =
      kind === "PasswordException"
        ? "it is password-protected"
        : `it could not be read (${error instanceof Error ? error.message : String(error)})`;
    throw new DeepthinkError("invalid_request", `File '${name}' is a PDF, but ${reason}.`, { cause: error });
  } finally {
    await task.destroy();
  }
}
