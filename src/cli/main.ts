import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { registerChatCommand } from "./chat-command.js";
import { type CliIo, printError, processIo } from "./cli-io.js";
import { registerEvalCommand } from "./eval-command.js";
import { registerIndexCommand } from "./index-command.js";
import { registerModelsCommand } from "./models-command.js";
import { registerPullCommand } from "./pull-command.js";
import { registerRunCommand } from "./run-command.js";
import { registerServeCommand } from "./serve-command.js";
import { registerTestModelCommand } from "./test-model-command.js";

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

export function buildProgram(io: CliIo): Command {
  const program = new Command("deepthink")
    .description(
      "DeepSeek-R1 family models on your own machine: run, chat, serve an OpenAI/DeepSeek-compatible API.",
    )
    .version(version())
    .showHelpAfterError("(run deepthink --help for usage)")
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  registerRunCommand(program, io);
  registerChatCommand(program, io);
  registerServeCommand(program, io);
  registerModelsCommand(program, io);
  registerPullCommand(program, io);
  registerTestModelCommand(program, io);
  registerEvalCommand(program, io);
  registerIndexCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    printError(io, error);
    return 1;
  }
}

const invokedDirectly = process.argv[1] != null && import.meta.url === new URL(process.argv[1], "file:").href;
if (invokedDirectly) {
  process.exitCode = await main(process.argv.slice(2));
}
