import { writeFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import type { Engine, EnginePart } from "../engine/spec.js";
import { isDeepthinkError } from "../errors.js";
import type { ChatRequestInput, InputMessage } from "../protocol/chat-request-input.js";
import { normalizeChatRequest } from "../protocol/normalize-request.js";
import {
  type CliIo,
  parseFloatOption,
  parseThinkingOption,
  printError,
  type ThinkingFlag,
} from "./cli-io.js";
import { addEngineOptions, type EngineFlags, engineOptionsFrom } from "./engine-options.js";
import { openEngine } from "./open-engine.js";
import { PartPrinter } from "./part-printer.js";

interface ChatFlags extends EngineFlags {
  thinking: ThinkingFlag;
  temperature?: number;
}

interface Turn {
  question: string;
  reasoning: string;
  answer: string;
}

const HELP = `commands: /think on|off|<tokens>  /reset  /save <file.json>  /help  /exit
Ctrl-C stops an answer; Ctrl-C or Ctrl-D at the prompt leaves.\n`;

export function registerChatCommand(program: Command, io: CliIo): void {
  const command = program
    .command("chat")
    .description("an interactive chat that shows the thinking apart from the answer")
    .argument("<model>", "an alias (deepthink models), hf:user/repo:QUANT, an https URL, or a .gguf path")
    .option("--thinking <mode>", "on, off, or a budget of reasoning tokens", parseThinkingOption, "on")
    .option(
      "--temperature <t>",
      "sampling temperature (R1 recommends 0.5-0.7; default 0.6)",
      parseFloatOption(0, 2),
    );
  addEngineOptions(command, { parallel: 1 }).action(async (model: string, flags: ChatFlags) => {
    const engine = await openEngine(model, engineOptionsFrom(flags, { parallel: 1 }), io);
    try {
      await chatLoop(engine, flags, io);
    } finally {
      await engine.close();
    }
  });
}

async function chatLoop(engine: Engine, flags: ChatFlags, io: CliIo): Promise<void> {
  const turns: Turn[] = [];
  let thinking = flags.thinking;
  let current: AbortController | undefined;
  const rl = createInterface({ input: io.stdin, output: io.stdout, terminal: io.stdin.isTTY === true });
  rl.setPrompt("› ");
  rl.on("SIGINT", () => (current != null ? current.abort() : rl.close()));
  const onSigint = () => current?.abort();
  process.on("SIGINT", onSigint);
  io.stderr.write(`chatting with ${engine.info().modelId} (thinking ${thinking}). /help for commands.\n`);
  rl.prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === "") {
        rl.prompt();
        continue;
      }
      if (line.startsWith("/")) {
        const [cmd, ...args] = line.split(/\s+/);
        const arg = args.join(" ");
        if (cmd === "/exit" || cmd === "/quit") break;
        if (cmd === "/help") io.stderr.write(HELP);
        else if (cmd === "/reset") {
          turns.length = 0;
          io.stderr.write("conversation cleared.\n");
        } else if (cmd === "/think") {
          try {
            thinking = parseThinkingOption(arg);
            io.stderr.write(`thinking ${thinking}.\n`);
          } catch {
            io.stderr.write("usage: /think on | off | <budget tokens>\n");
          }
        } else if (cmd === "/save") {
          if (arg === "") io.stderr.write("usage: /save <file.json>\n");
          else {
            await writeFile(arg, `${JSON.stringify({ model: engine.info().modelId, turns }, null, 2)}\n`);
            io.stderr.write(`saved ${turns.length} turns to ${arg}.\n`);
          }
        } else io.stderr.write(`unknown command ${cmd}. ${HELP}`);
        rl.prompt();
        continue;
      }
      current = new AbortController();
      try {
        turns.push(await answer(engine, turns, line, thinking, flags, current.signal, io));
      } catch (error) {
        if (!isDeepthinkError(error) || error.code !== "aborted") printError(io, error);
      } finally {
        current = undefined;
      }
      rl.prompt();
    }
  } finally {
    process.off("SIGINT", onSigint);
    rl.close();
  }
}

async function answer(
  engine: Engine,
  turns: Turn[],
  question: string,
  thinking: ThinkingFlag,
  flags: ChatFlags,
  signal: AbortSignal,
  io: CliIo,
): Promise<Turn> {
  // Earlier answers only: the reasoning never goes back to the model.
  const messages: InputMessage[] = turns.flatMap((t) => [
    { role: "user" as const, content: t.question },
    { role: "assistant" as const, content: t.answer },
  ]);
  messages.push({ role: "user", content: question });
  const input: ChatRequestInput = {
    messages,
    thinking:
      thinking === "on"
        ? { type: "enabled" }
        : thinking === "off"
          ? { type: "disabled" }
          : { type: "enabled", budget_tokens: thinking },
    ...(flags.temperature != null ? { temperature: flags.temperature } : {}),
  };
  const { stream } = await engine.generate(normalizeChatRequest(input), signal);
  const printer = new PartPrinter({ stdout: io.stdout, stderr: io.stdout, showThinking: true });
  const turn: Turn = { question, reasoning: "", answer: "" };
  let finish: Extract<EnginePart, { type: "finish" }> | undefined;
  for await (const part of stream) {
    if (part.type === "error") throw part.error;
    if (part.type === "finish") finish = part;
    else if (part.type === "reasoning-delta") turn.reasoning += part.text;
    else turn.answer += part.text;
    printer.write(part);
  }
  printer.end();
  if (finish != null) {
    const { usage, timings } = finish;
    const stopped =
      finish.reason === "abort"
        ? " · stopped"
        : finish.reason === "length"
          ? " · cut at the token limit"
          : "";
    io.stderr.write(
      `— ${usage.completionTokens} tokens (${usage.reasoningTokens} thinking) · ${timings.tokensPerSecond.toFixed(1)} tok/s · first token ${Math.round(timings.timeToFirstTokenMs)} ms${stopped}\n`,
    );
  }
  return turn;
}
