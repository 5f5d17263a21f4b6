import { configFlagDefaults, readLogSourceConfig } from "../config/log-source-config.js";
import { CliError, flagValue, type ParsedArgs } from "./cli-error.js";

/**
 * `--config FILE`: the log-source configuration (lib/config/log-source-config.ts) as defaults for
 * the flags a command was not given (flags on the command line override the file; a repeated
 * flag such as `--mask` replaces the file's list). A key whose flag this command does not have is
 * an error saying so (e.g. `sessionField` while `loglab sessions` has no `--session-field` yet),
 * never silently ignored; `notForThis` lists flags whose keys do not concern this command (the
 * session rule for \`loglab parse\`), which are skipped. In `exclusive` groups (e.g. --session-id,
 * --window, --time-window) a flag given on the command line drops the file's value for the others.
 * Returns the merged flags and the file's path (or null).
 */
export function withConfigDefaults(
  args: ParsedArgs,
  command: string,
  knownFlags: readonly string[],
  options: { notForThis?: readonly string[]; exclusive?: readonly (readonly string[])[] } = {},
): { args: ParsedArgs; config: string | null } {
  const path = flagValue(args, "config");
  if (path === undefined) return { args, config: null };
  let defaults: Map<string, string[]>;
  try {
    defaults = configFlagDefaults(readLogSourceConfig(path));
  } catch (err) {
    throw new CliError(`--config: ${(err as Error).message}`, 2);
  }
  const flags = new Map(args.flags);
  for (const [flag, values] of defaults) {
    if (options.notForThis?.includes(flag)) continue;
    if (options.exclusive?.some((g) => g.includes(flag) && g.some((f) => args.flags.has(f)))) continue;
    if (!knownFlags.includes(flag)) {
      throw new CliError(`--config ${path}: its setting for --${flag} is not supported yet by \`loglab ${command}\` (remove it from the file, or use a command that has --${flag})`, 2);
    }
    if (!flags.has(flag)) flags.set(flag, values);
  }
  return { args: { positionals: args.positionals, flags }, config: path };
}
