import { COMMANDS } from "./commands.js";
import { CliError } from "./cli-error.js";

function help(): string {
  const names = Object.keys(COMMANDS).sort();
  const width = Math.max(0, ...names.map((n) => n.length));
  return [
    "usage: loglab <command> [options]",
    "",
    "commands:",
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    "",
    "Run `loglab <command> --help` for a command's options.",
  ].join("\n");
}

/** Runs the CLI; returns the exit status. Errors print one clear line (no stack trace unless LOGLAB_DEBUG=1). */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(help() + "\n");
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`loglab: unknown command "${name}"\n\n${help()}\n`);
    return 2;
  }
  try {
    const mod = await command.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      process.stdout.write(mod.usage + "\n");
      return 0;
    }
    return await mod.run(rest);
  } catch (err) {
    if (process.env.LOGLAB_DEBUG === "1") console.error(err);
    const e = err as Error;
    process.stderr.write(`loglab ${name}: ${e.message}\n`);
    return err instanceof CliError ? err.exitCode : 1;
  }
}
