/**
 * The README's file-upload template, byte for byte:
 *
 *   [file name]: {file_name}\n[file content begin]\n{file_content}\n[file content end]\n{question}
 *
 * Several files: the template is applied once per file, innermost last, so each file's block is
 * followed directly (after its one `\n`) by the next block and the question comes once, at the end:
 * `render([a, b], q) === render([a], render([b], q))`. This is the only reading of the single-file
 * template that keeps every block exactly as the README writes it (nothing added between blocks, no
 * block altered) and keeps the question last, where the README puts it. Order is the caller's order.
 */

export interface PromptFile {
  /** Shown to the model as `{file_name}`: the name as uploaded, without folders. */
  name: string;
  /** The extracted text, already fitted to the token budget (see src/files). */
  content: string;
}

/** The README's template, with its three placeholders, exactly as published. */
export const FILE_TEMPLATE =
  "[file name]: {file_name}\n[file content begin]\n{file_content}\n[file content end]\n{question}";

/** One file's block: everything the template puts before `{question}`. */
export function renderFileBlock(file: PromptFile): string {
  return `[file name]: ${file.name}\n[file content begin]\n${file.content}\n[file content end]\n`;
}

/** The question with every file before it, in order. No files: the question unchanged. */
export function renderFilePrompt(files: readonly PromptFile[], question: string): string {
  let prompt = question;
  // Innermost (last file) first, so the result reads file 1, file 2, …, question.
  for (let i = files.length - 1; i >= 0; i--) {
    const file = files[i];
    if (file != null) prompt = renderFileBlock(file) + prompt;
  }
  return prompt;
}
