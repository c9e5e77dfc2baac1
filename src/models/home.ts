/**
 * Where deepthink keeps its files: `$DEEPTHINK_HOME` (default `~/.deepthink`), with models under
 * `$DEEPTHINK_HOME/models`. The environment is read once, here, through a schema; everything else takes
 * the resulting `ModelsHome` as a parameter.
 */
import { homedir as osHomedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { z } from "zod";
import { DeepthinkError } from "../errors.js";

export interface ModelsHome {
  /** The deepthink home folder (absolute). */
  home: string;
  /** Where GGUF files live: `<home>/models` (absolute). */
  modelsDir: string;
}

export type Env = Readonly<Record<string, string | undefined>>;

// An empty variable counts as unset, as shells commonly leave `VAR=` behind.
const optionalPath = z
  .string()
  .optional()
  .transform((value) => (value == null || value.trim() === "" ? undefined : value.trim()));

const HomeEnvSchema = z.object({ DEEPTHINK_HOME: optionalPath });

/** Expand a leading `~` or `~/` to the user's home folder. */
export function expandHome(path: string, homedir: string = osHomedir()): string {
  if (path === "~") return homedir;
  if (path.startsWith("~/") || path.startsWith("~\\")) return join(homedir, path.slice(2));
  return path;
}

export interface LoadModelsHomeOptions {
  /** Injected for tests; defaults to `os.homedir()`. */
  homedir?: string;
  /** Base for a relative `DEEPTHINK_HOME`; defaults to `process.cwd()`. */
  cwd?: string;
}

/** Read `DEEPTHINK_HOME` from `env` and return the home and models folders. */
export function loadModelsHome(env: Env, options: LoadModelsHomeOptions = {}): ModelsHome {
  const parsed = HomeEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new DeepthinkError("invalid_argument", "DEEPTHINK_HOME must be a folder path.", {
      param: "DEEPTHINK_HOME",
      hint: "set DEEPTHINK_HOME to a folder such as ~/.deepthink, or unset it",
    });
  }
  const homedir = options.homedir ?? osHomedir();
  const configured = parsed.data.DEEPTHINK_HOME;
  const expanded = configured == null ? join(homedir, ".deepthink") : expandHome(configured, homedir);
  const home = isAbsolute(expanded) ? expanded : resolve(options.cwd ?? process.cwd(), expanded);
  return { home, modelsDir: join(home, "models") };
}
