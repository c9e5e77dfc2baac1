/** Attached files: extraction (text, HTML, PDF, DOCX), limits, fitting into the context. */
export { type AttachedFiles, type AttachFilesOptions, attachFiles, extractFiles } from "./attach-files.js";
export { decodeText } from "./decode-text.js";
export { type ExtractedFile, extractFile, type FileInput } from "./extract-file.js";
export { detectFileKind, type FileKind, SUPPORTED_FORMATS } from "./file-kind.js";
export { checkFileLimits, cleanFileName, DEFAULT_FILE_LIMITS, type FileLimits } from "./file-limits.js";
export { type FileTruncation, type FittedFiles, fitFilesToBudget } from "./fit-files.js";
export { htmlToReadableText, type ReadableText } from "./html-to-text.js";
export {
  type CountTokens,
  cutToTokens,
  estimateTokens,
  prefixWithinTokens,
  shareBudget,
  truncationNotice,
} from "./token-budget.js";
