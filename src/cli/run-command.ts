import type { Command } from "commander";
import type { EnginePart } from "../engine/spec.js";
import { DeepthinkError } from "../errors.js";
import type { ChatRequestInput } from "../protocol/chat-request-input.js";
import { normalizeChatRequest } from "../protocol/normalize-request.js";
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

interface RunFlags extends EngineFlags {
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
    .option("--hide-thinking", "do not print the reasoning")
    .option("--json", "print one JSON object: reasoning, content, usage, timings");
  addEngineOptions(command, { parallel: 1 }).action(
    async (model: string, words: string[], flags: RunFlags) => {
      const prompt = words.length > 0 ? words.join(" ") : await promptFromStdin(io);
      const request = normalizeChatRequest(chatInput(prompt, flags));
      if (flags.json !== true) for (const w of request.warnings) io.stderr.write(`warning: ${w.message}\n`);
      const engine = await openEngine(model, engineOptionsFrom(flags, { parallel: 1 }), io);
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once("SIGINT", onSigint);
      try {
        const { stream } = await engine.generate(request, controller.signal);
        const printer = new PartPrinter({
          stdout: io.stdout,
          stderr: io.stderr,
          showThinking: flags.hideThinking !== true,
        });
        const result = {
          reasoning: "",
          content: "",
          finish: undefined as Extract<EnginePart, { type: "finish" }> | undefined,
        };
        for await (const part of stream) {
          if (part.type === "error") throw part.error;
          if (part.type === "finish") result.finish = part;
          else if (part.type === "reasoning-delta") result.reasoning += part.text;
          else result.content += part.text;
          if (flags.json !== true) printer.write(part);
        }
        printer.end();
        const finish = result.finish;
        if (flags.json === true && finish != null) {
          const info = engine.info();
          io.stdout.write(
            `${JSON.stringify({
              model: info.modelId,
              reasoning: result.reasoning,
              content: result.content,
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
              warnings: request.warnings,
            })}\n`,
          );
        }
        if (finish?.reason === "abort") {
          io.stderr.write("(stopped)\n");
          process.exitCode = 130;
        }
      } finally {
        process.off("SIGINT", onSigint);
        await engine.close();
      }
    },
  );
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
