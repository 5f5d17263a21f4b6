import { describe, expect, it } from "vitest";
import { CliError, flagValue, parseArgs, requireFlag, type ParsedArgs } from "../../lib/cli/cli-error.js";

/** The CliError a call throws (fails the test when it throws nothing or something else). */
function cliErrorOf(fn: () => unknown): CliError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CliError);
    return e as CliError;
  }
  throw new Error("expected a CliError, nothing was thrown");
}

describe("CliError", () => {
  it("is an Error named CliError with exit status 1 by default, 2 for usage errors", () => {
    const e = new CliError("boom");
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe("CliError");
    expect(e.message).toBe("boom");
    expect(e.exitCode).toBe(1);
    expect(new CliError("usage", 2).exitCode).toBe(2);
  });
});

describe("parseArgs", () => {
  // Moved from test/cli/main.test.ts.
  it("parses values, booleans and multi-valued flags", () => {
    const a = parseArgs(["train", "--normal", "f1", "--input", "a", "b", "--quiet", "--out=d"], { values: ["normal", "input", "out"], booleans: ["quiet"], multi: ["input"] });
    expect(a.positionals).toEqual(["train"]);
    expect(a.flags.get("input")).toEqual(["a", "b"]);
    expect(flagValue(a, "out")).toBe("d");
    expect(flagValue(a, "quiet")).toBe("true");
  });
  // Moved from test/cli/main.test.ts.
  it("rejects unknown flags and missing values as usage errors", () => {
    expect(() => parseArgs(["--bogus", "x"], { values: ["out"] })).toThrow(/unknown option --bogus/);
    try {
      parseArgs(["--out"], { values: ["out"] });
    } catch (e) {
      expect(e).toBeInstanceOf(CliError);
      expect((e as CliError).exitCode).toBe(2);
    }
  });

  it("an unknown flag names itself and lists every known option (values and booleans)", () => {
    const e = cliErrorOf(() => parseArgs(["--nope=1"], { values: ["out", "seed"], booleans: ["quiet"] }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe("unknown option --nope (options: --out, --seed, --quiet)");
  });

  it("a value flag at the end, or followed by another flag, needs a value", () => {
    expect(cliErrorOf(() => parseArgs(["--out"], { values: ["out"] })).message).toBe("--out needs a value");
    const e = cliErrorOf(() => parseArgs(["--out", "--seed", "3"], { values: ["out", "seed"] }));
    expect(e.message).toBe("--out needs a value");
    expect(e.exitCode).toBe(2);
  });

  it("a single-valued flag takes one argument; the next is a positional", () => {
    const a = parseArgs(["--seed", "3", "extra", "more"], { values: ["seed"] });
    expect(a.flags.get("seed")).toEqual(["3"]);
    expect(a.positionals).toEqual(["extra", "more"]);
  });

  it("a multi-valued flag takes every argument up to the next flag; repeats accumulate in order", () => {
    const a = parseArgs(["--input", "a", "b", "--out", "d", "--input", "c", "--input=e"], { values: ["input", "out"], multi: ["input"] });
    expect(a.flags.get("input")).toEqual(["a", "b", "c", "e"]);
    expect(a.flags.get("out")).toEqual(["d"]);
    expect(a.positionals).toEqual([]);
  });

  it("`--name=value` keeps everything after the first '=' (even an empty value); single dashes are values", () => {
    const a = parseArgs(["--params={\"a\":\"x=y\"}", "--out=", "--seed", "-1"], { values: ["params", "out", "seed"] });
    expect(a.flags.get("params")).toEqual(['{"a":"x=y"}']);
    expect(a.flags.get("out")).toEqual([""]);
    expect(a.flags.get("seed")).toEqual(["-1"]);
  });

  it("does not change its input", () => {
    const argv = Object.freeze(["x", "--input", "a", "b"]);
    parseArgs(argv, { values: ["input"], multi: ["input"] });
    expect(argv).toEqual(["x", "--input", "a", "b"]);
  });
});

describe("flagValue and requireFlag", () => {
  const args = (entries: [string, string[]][]): ParsedArgs => ({ positionals: [], flags: new Map(entries) });

  it("flagValue gives the single value, the fallback when absent, and refuses a repeated flag", () => {
    expect(flagValue(args([["seed", ["7"]]]), "seed", "1")).toBe("7");
    expect(flagValue(args([]), "seed", "1")).toBe("1");
    expect(flagValue(args([]), "seed")).toBeUndefined();
    expect(flagValue(args([["seed", []]]), "seed", "fb")).toBe("fb");
    const e = cliErrorOf(() => flagValue(args([["seed", ["1", "2"]]]), "seed"));
    expect(e.message).toBe("--seed was given 2 times");
    expect(e.exitCode).toBe(2);
  });

  it("requireFlag returns the value or a usage error that names the flag and prints the usage", () => {
    expect(requireFlag(args([["out", ["d"]]]), "out", "usage: x")).toBe("d");
    const e = cliErrorOf(() => requireFlag(args([]), "out", "usage: loglab x --out DIR"));
    expect(e.message).toBe("--out is required\nusage: loglab x --out DIR");
    expect(e.exitCode).toBe(2);
  });
});

describe("parseArgs: yes/no flags", () => {
  it("rejects a value given to a flag that takes none", () => {
    expect(() => parseArgs(["--quiet=false"], { values: [], booleans: ["quiet"] })).toThrow('--quiet takes no value (got "--quiet=false")');
  });
});
