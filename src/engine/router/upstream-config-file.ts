import { DeepthinkError } from "../../errors.js";
import {
  parseUpstreamFlag,
  specOptionsSchema,
  type UpstreamModelSpec,
  withOptions,
} from "./upstream-spec.js";

/**
 * The upstreams file (`deepthink serve --upstreams FILE`): one model per line, in the `--upstream`
 * syntax followed by options; `#` starts a comment. Line-based so that every error names its line.
 *
 *     # name = replica URLs            options
 *     r1 = http://gpu1:8000, http://gpu2:8000   kind=vllm  model=deepseek-ai/DeepSeek-R1  max-concurrent=128
 *     deepseek-reasoner = https://api.deepseek.com   kind=deepseek  api-key-env=DEEPSEEK_API_KEY
 *
 * Options: kind (auto, vllm, sglang, llama-server, ollama, deepseek, deepthink, openai), model (the
 * upstream's own id), api-key-env (preferred) or api-key, aliases (comma-separated), max-concurrent
 * (per replica), reasoning (upstream, none, auto), health-path.
 */
export function parseUpstreamConfig(text: string, file: string): UpstreamModelSpec[] {
  const specs: UpstreamModelSpec[] = [];
  const seen = new Map<string, number>();
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const lineNo = index + 1;
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line === "") continue;
    const fail = (message: string, param?: string): never => {
      throw new DeepthinkError("invalid_argument", `${file} line ${lineNo}: ${message}`, {
        param: param ?? `${file}:${lineNo}`,
      });
    };
    // `name = url, url  key=value …`: URLs run until the first token that is an option.
    const match =
      /^([^=\s]+)\s*=\s*(.*)$/.exec(line) ?? fail("expected NAME = URL[, URL…] [option=value …].");
    const tokens = match[2]!.split(/\s+/).filter((t) => t !== "");
    const firstOption = tokens.findIndex((t) => /^[a-z-]+=/.test(t));
    const urls = (firstOption < 0 ? tokens : tokens.slice(0, firstOption)).join("");
    let spec: UpstreamModelSpec;
    try {
      spec = parseUpstreamFlag(`${match[1]}=${urls}`, "upstream");
    } catch (error) {
      return fail((error as Error).message.replace(/^upstream /, ""));
    }
    const options: Record<string, string> = {};
    for (const token of firstOption < 0 ? [] : tokens.slice(firstOption)) {
      const at = token.indexOf("=");
      if (at <= 0) fail(`'${token}' is not an option=value pair.`);
      const key = token.slice(0, at);
      if (key in options) fail(`option '${key}' is given twice.`);
      options[key] = token.slice(at + 1);
    }
    const parsed = specOptionsSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      if (issue.code === "unrecognized_keys") {
        fail(`unknown option '${issue.keys[0]}'; known: ${Object.keys(specOptionsSchema.shape).join(", ")}.`);
      }
      fail(`option '${String(issue.path[0])}' ${issue.message}.`);
    }
    const previous = seen.get(spec.name);
    if (previous != null) fail(`the model '${spec.name}' is already defined on line ${previous}.`);
    seen.set(spec.name, lineNo);
    specs.push(withOptions(spec, parsed.data!));
  }
  return specs;
}
