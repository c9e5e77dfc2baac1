/**
 * `resolveModel`: a model argument → the local GGUF file to load. Local paths must exist and be GGUF;
 * aliases, `hf:` refs and URLs map to their file in the models folder (see `local-names.ts`), found
 * offline. When it is missing, either download it (`download: true`) or say how to (`deepthink pull …`).
 */
import { open } from "node:fs/promises";
import { DeepthinkError } from "../errors.js";
import { type CatalogEntry, findCatalogEntryByGgufRepo } from "./catalog.js";
import { findLocalModel, localFileName } from "./local-files.js";
import { formatModelRef, type ModelRef, parseModelRef } from "./model-ref.js";
import { type PullOptions, pullModel } from "./pull.js";

export interface ResolveModelOptions extends PullOptions {
  /** Fetch a missing model (true) or fail with a `deepthink pull` hint (false). */
  download: boolean;
  /** Base for relative paths; defaults to `process.cwd()`. */
  cwd?: string;
  /** For `~`; defaults to `os.homedir()`. */
  homedir?: string;
}

export interface ResolvedModel {
  ref: ModelRef;
  /** The file to load (part 1 of a split model). */
  path: string;
  /** All parts, first first. */
  files: string[];
  /** The catalog entry, for aliases (and `hf:` refs to a catalog repo). */
  entry: CatalogEntry | undefined;
  /** The quantisation, for aliases and `hf:user/repo:QUANT`. */
  quant: string | undefined;
  /** True when this call downloaded something. */
  downloaded: boolean;
}

async function checkGgufMagic(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    if (bytesRead < 4 || buffer.toString("latin1") !== "GGUF") {
      throw new DeepthinkError(
        "invalid_model_file",
        `${path} is not a GGUF file (it does not start with "GGUF").`,
        {
          param: "model",
          hint: "pass a .gguf model file; safetensors and other formats need converting with llama.cpp first",
        },
      );
    }
  } finally {
    await handle.close();
  }
}

function describe(ref: ModelRef): { entry: CatalogEntry | undefined; quant: string | undefined } {
  if (ref.kind === "alias") return { entry: ref.entry, quant: ref.quant };
  if (ref.kind === "hf")
    return { entry: findCatalogEntryByGgufRepo(`${ref.user}/${ref.repo}`), quant: ref.quant };
  return { entry: undefined, quant: undefined };
}

export async function resolveModel(
  input: string | ModelRef,
  options: ResolveModelOptions,
): Promise<ResolvedModel> {
  const ref =
    typeof input === "string"
      ? parseModelRef(input, { quant: options.quant, cwd: options.cwd, homedir: options.homedir })
      : input;
  const local = await findLocalModel(ref, options.home.modelsDir);
  if (local != null) {
    if (ref.kind === "file") await checkGgufMagic(local.path);
    return { ref, ...local, ...describe(ref), downloaded: false };
  }
  if (ref.kind === "file") {
    throw new DeepthinkError("model_not_found", `No such model file: ${ref.path}.`, {
      param: "model",
      hint: `check the path; pulled models live in ${options.home.modelsDir} (see \`deepthink models\`)`,
    });
  }
  if (!options.download) {
    const name = formatModelRef(ref);
    throw new DeepthinkError(
      "model_not_found",
      `${name} is not downloaded (expected ${localFileName(ref)} in ${options.home.modelsDir}).`,
      {
        param: "model",
        hint: `deepthink pull ${name}`,
      },
    );
  }
  const pulled = await pullModel(ref, options);
  return {
    ref,
    path: pulled.path,
    files: pulled.files,
    ...describe(ref),
    downloaded: !pulled.alreadyPresent,
  };
}
