import type { Command } from "commander";
import { runTestModelCli } from "../test-model/cli.js";
import type { CliIo } from "./cli-io.js";

/** `deepthink test-model …`: the test-model generator's own flags, passed through untouched. */
export function registerTestModelCommand(program: Command, io: CliIo): void {
  program
    .command("test-model")
    .description(
      "write a tiny scripted R1-format GGUF, or a random one with a real model's shapes (see --help)",
    )
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument("[flags...]")
    .action(async (flags: string[]) => {
      const code = await runTestModelCli(flags, {
        out: (line) => io.stdout.write(`${line}\n`),
        err: (line) => io.stderr.write(`${line}\n`),
      });
      if (code !== 0) process.exitCode = code;
    });
}
