import type { Command } from "commander";
import type { EnginePart } from "../engine/spec.js";
import { DeepthinkError } from "../errors.js";
import type { ChatRequestInput } from "../protocol/chat-request-input.js";
import { normalizeChatRequest } from "../protocol/normalize-request.js";
import { toApiSources } from "../search/search-and-read.js";
import { augmentPrompt, type PromptContextFlags, preparePromptContext } from "./augment-prompt.js";
import {
  type CliIo,
  parseFloatOption,
  parseIntOption,
  parseThinkingOption,
  readAll,
  type ThinkingFlag,
} from "./cli-io.js";
import { addEngineOptions, type EngineFlags, engineOptionsFrom } from "./engine-options.js";
import { openEngine } from "./open-engine.js";
import { PartPrinter } from "./part-printer.js";

interface RunFlags extends EngineFlags, PromptContextFlags {
  thinking: ThinkingFlag;
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  hideThinking?: boolean;
  json?: boolean;
  math?: boolean;
}

export function registerRunCommand(program: Command, io: CliIo): void {
  const command = program
    .command("run")
    .description("answer one prompt: the answer on stdout, the reasoning on stderr")
    .argument("<model>", "an alias (deepthink models), hf:user/repo:QUANT, an https URL, or a .gguf path")
    .argument("[prompt...]", "the prompt; read from stdin when none is given")
    .option("--thinking <mode>", "on, off, or a budget of reasoning tokens", parseThinkingOption, "on")
    .option(
      "--temperature <t>",
      "sampling temperature (R1 recommends 0.5-0.7; default 0.6)",
      parseFloatOption(0, 2),
    )
    .option("--top-p <p>", "nucleus sampling (default 0.95)", parseFloatOption(0, 1))
    .option("--seed <n>", "sampling seed, for reproducible output", parseIntOption(0, 2 ** 32 - 1))
    .option("--max-tokens <n>", "cap on generated tokens, reasoning included", parseIntOption(1))
    .option("--math", "add the README's directive: reason step by step, answer in \\boxed{}")
    .option("--file <path>", "attach a file (txt, md, code, csv, json, html, pdf, docx); repeatable", collect)
    .option("--search", "answer from search results and cite them (docs/files-and-search.md)")
    .option("--search-provider <name>", "searxng, brave, tavily or local (default: from the environment)")
    .option("--hide-thinking", "do not print the reasoning")
    .option("--json", "print one JSON object: reasoning, content, usage, timings");
  addEngineOptions(command, { parallel: 1 }).action((model: string, words: string[], flags: RunFlags) =>
    runPrompt(model, words, flags, io),
  );
}

async function runPrompt(model: string, words: string[], flags: RunFlags, io: CliIo): Promise<void> {
  const question = words.length > 0 ? words.join(" ") : await promptFromStdin(io);
  normalizeChatRequest(chatInput(question, flags)); // bad values fail before a model loads
  const context = await preparePromptContext(flags, io);
  const engine = await openEngine(model, engineOptionsFrom(flags, { parallel: 1 }), io);
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const { prompt, sources, notices } = await augmentPrompt(
      question,
      context,
      engine,
      flags.maxTokens,
      controller.signal,
    );
    const request = normalizeChatRequest(chatInput(prompt, flags));
    if (flags.json !== true) {
      for (const line of [...notices, ...request.warnings.map((w) => w.message)])
        io.stderr.write(`warning: ${line}\n`);
    }
    const { stream } = await engine.generate(request, controller.signal);
    const printer = new PartPrinter({
      stdout: io.stdout,
      stderr: io.stderr,
      showThinking: flags.hideThinking !== true,
    });
    let reasoning = "";
    let content = "";
    let finish: Extract<EnginePart, { type: "finish" }> | undefined;
    for await (const part of stream) {
      if (part.type === "error") throw part.error;
      if (part.type === "finish") finish = part;
      else if (part.type === "reasoning-delta") reasoning += part.text;
      else content += part.text;
      if (flags.json !== true) printer.write(part);
    }
    printer.end();
    if (flags.json === true && finish != null) {
      const json = {
        model: engine.info().modelId,
        reasoning,
        content,
        finish_reason: finish.reason,
        usage: {
          prompt_tokens: finish.usage.promptTokens,
          completion_tokens: finish.usage.completionTokens,
          reasoning_tokens: finish.usage.reasoningTokens,
          cached_prompt_tokens: finish.usage.cachedPromptTokens,
        },
        timings: {
          time_to_first_token_ms: round(finish.timings.timeToFirstTokenMs),
          total_ms: round(finish.timings.totalMs),
          tokens_per_second: round(finish.timings.tokensPerSecond),
        },
        warnings: [...request.warnings, ...notices.map((message) => ({ code: "file_truncated", message }))],
        ...(sources.length > 0 ? { sources: toApiSources(sources) } : {}),
      };
      io.stdout.write(`${JSON.stringify(json)}\n`);
    } else if (sources.length > 0) {
      io.stderr.write(`sources:\n${sources.map((s) => `[${s.index}] ${s.title} — ${s.url}`).join("\n")}\n`);
    }
    if (finish?.reason === "abort") {
      io.stderr.write("(stopped)\n");
      process.exitCode = 130;
    }
  } finally {
    process.off("SIGINT", onSigint);
    context.search?.close();
    await engine.close();
  }
}

function chatInput(prompt: string, flags: RunFlags): ChatRequestInput {
  return {
    messages: [{ role: "user", content: prompt }],
    thinking:
      flags.thinking === "on"
        ? { type: "enabled" }
        : flags.thinking === "off"
          ? { type: "disabled" }
          : { type: "enabled", budget_tokens: flags.thinking },
    ...(flags.temperature != null ? { temperature: flags.temperature } : {}),
    ...(flags.topP != null ? { top_p: flags.topP } : {}),
    ...(flags.seed != null ? { seed: flags.seed } : {}),
    ...(flags.maxTokens != null ? { max_tokens: flags.maxTokens } : {}),
    ...(flags.math === true ? { math_directive: true } : {}),
  };
}

async function promptFromStdin(io: CliIo): Promise<string> {
  if (io.stdin.isTTY === true) {
    throw new DeepthinkError("invalid_argument", "No prompt given.", {
      hint: 'Pass it after the model (deepthink run r1-distill-qwen-1.5b "What is 2+2?") or pipe it on stdin.',
    });
  }
  const text = (await readAll(io.stdin)).trim();
  if (text === "") throw new DeepthinkError("invalid_argument", "The prompt read from stdin is empty.");
  return text;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
