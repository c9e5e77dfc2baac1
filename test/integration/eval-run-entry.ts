/**
 * `deepthink …` with the eval command mounted, for the eval tests' child processes: main.ts's program,
 * plus `eval` when main.ts does not mount it yet. Mirrors main()'s error handling.
 */
import { CommanderError } from "commander";
import { printError, processIo } from "../../src/cli/cli-io.js";
import { registerEvalCommand } from "../../src/cli/eval-command.js";
import { buildProgram } from "../../src/cli/main.js";

const io = processIo();
const program = buildProgram(io);
if (!program.commands.some((command) => command.name() === "eval")) registerEvalCommand(program, io);
try {
  await program.parseAsync(process.argv.slice(2), { from: "user" });
} catch (error) {
  if (error instanceof CommanderError) process.exitCode = error.exitCode === 0 ? 0 : 2;
  else {
    printError(io, error);
    process.exitCode = 1;
  }
}
