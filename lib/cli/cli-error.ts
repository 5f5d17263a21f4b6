/** An error meant for the command line: printed as one clear message, exit status 2 for usage, 1 otherwise. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** Parsed `--flag value` arguments: repeated flags collect into arrays; positionals kept in order. */
export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string[]>;
}

/**
 * Parses `--name value` / `--name=value` / boolean `--name` arguments. `booleans` lists flags
 * that take no value. An unknown flag is a usage error naming it.
 */
export function parseArgs(argv: readonly string[], known: { values: readonly string[]; booleans?: readonly string[]; multi?: readonly string[] }): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string[]>();
  const booleans = new Set(known.booleans ?? []);
  const values = new Set(known.values);
  const multi = new Set(known.multi ?? []);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (booleans.has(name)) {
      if (eq >= 0) throw new CliError(`--${name} takes no value (got "${a}")`, 2);
      flags.set(name, ["true"]);
      continue;
    }
    if (!values.has(name)) {
      const all = [...values, ...booleans].map((f) => `--${f}`).join(", ");
      throw new CliError(`unknown option --${name} (options: ${all})`, 2);
    }
    const list = flags.get(name) ?? [];
    if (eq >= 0) list.push(a.slice(eq + 1));
    else {
      // A multi-valued flag takes every following argument up to the next flag.
      let took = 0;
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) {
        list.push(argv[++i]!);
        took++;
        if (!multi.has(name)) break;
      }
      if (took === 0) throw new CliError(`--${name} needs a value`, 2);
    }
    flags.set(name, list);
  }
  return { positionals, flags };
}

/** The single value of a flag, or the fallback; a repeated single-valued flag is an error. */
export function flagValue(args: ParsedArgs, name: string, fallback?: string): string | undefined {
  const v = args.flags.get(name);
  if (!v || v.length === 0) return fallback;
  if (v.length > 1) throw new CliError(`--${name} was given ${v.length} times`, 2);
  return v[0];
}

/** A required flag's value. */
export function requireFlag(args: ParsedArgs, name: string, usage: string): string {
  const v = flagValue(args, name);
  if (v === undefined) throw new CliError(`--${name} is required\n${usage}`, 2);
  return v;
}
