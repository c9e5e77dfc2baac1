/**
 * Reading GGUF file names: which quantisation a file holds, and which part of a split model it is.
 * llama.cpp's `gguf-split` names parts `<name>-00001-of-00003.gguf`; quantisers put the quant tag last in
 * the name (`DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf`, `DeepSeek-R1.Q8_0-00001-of-00015.gguf`,
 * `DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf`).
 */

const SPLIT_SUFFIX = /-(\d{5})-of-(\d{5})\.gguf$/i;

// A quant tag at the end of the stem, after `-` or `.`: unsloth's dynamic `UD-` prefix, the k/i-quants
// (Q4_K_M, IQ1_S, Q8_0, TQ1_0, Q4_K_XL …) and the float types.
const QUANT_AT_END = /[-._]((?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|BF16|F16|F32))$/i;

export interface SplitPart {
  /** 1-based part number. */
  part: number;
  parts: number;
  /** The name without `-0000k-of-0000N.gguf`. */
  stem: string;
}

/** The split-part numbers in a file name, or undefined for a single-file model. */
export function splitPartOf(fileName: string): SplitPart | undefined {
  const match = SPLIT_SUFFIX.exec(fileName);
  if (match == null) return undefined;
  const part = Number(match[1]);
  const parts = Number(match[2]);
  if (part < 1 || parts < 1 || part > parts) return undefined;
  return { part, parts, stem: fileName.slice(0, match.index) };
}

/** `name.gguf` → `name-0000k-of-0000N.gguf`. */
export function splitPartName(fileName: string, part: number, parts: number): string {
  const stem = fileName.replace(/\.gguf$/i, "");
  const pad = (n: number) => String(n).padStart(5, "0");
  return `${stem}-${pad(part)}-of-${pad(parts)}.gguf`;
}

/** The last path segment. */
export function baseName(path: string): string {
  return path.split("/").pop() ?? path;
}

/** The quant tag of a GGUF file name (upper-cased), or undefined when the name carries none. */
export function quantOfFileName(path: string): string | undefined {
  const name = baseName(path);
  if (!/\.gguf$/i.test(name)) return undefined;
  const split = splitPartOf(name);
  const stem = split != null ? split.stem : name.replace(/\.gguf$/i, "");
  return QUANT_AT_END.exec(stem)?.[1]?.toUpperCase();
}

/**
 * A safe file name: characters that are reserved on some file system become `!` (as in node-llama-cpp's
 * use of `filenamify`, so both tools agree on names).
 */
export function safeFileName(name: string): string {
  return name.replace(/[<>:"/\\|?*\u0000-\u001f]/g, "!");
}
