/**
 * The CLI's subcommands. Each is loaded only when used, so `loglab parse` does not load TF.js.
 * A command module exports `run(argv): Promise<number>` (the exit status) and `usage`.
 */
export interface CommandModule {
  usage: string;
  run(argv: readonly string[]): Promise<number>;
}

export const COMMANDS: Record<string, { summary: string; load: () => Promise<CommandModule> }> = {
  synth: { summary: "write a seeded synthetic labeled log (syslog, Apache or custom lines)", load: () => import("./synth.js") },
};
