/**
 * The flags of a benchmark's command line, in order, each with a reader for its value (which
 * consumes the next argument, or fails naming the flag and the usage).
 *
 * @example
 * for (const { flag, value } of benchFlags(argv, USAGE)) if (flag === "--json") json = value();
 */
export function* benchFlags(argv: readonly string[], usage: string): Generator<{ flag: string; value: () => string }> {
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    yield {
      flag,
      value: () => {
        const v = argv[++i];
        if (v === undefined) throw new Error(`${flag} needs a value (${usage})`);
        return v;
      },
    };
  }
}
