import { describe, expect, it } from "vitest";
import { parseArgs } from "../../lib/cli/cli-error.js";
import { withConfigDefaults } from "../../lib/cli/config-flags.js";
import { MINER_BOOLEAN_FLAGS, MINER_VALUE_FLAGS, readMinerFlags } from "../../lib/cli/miner-flags.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const VALUES = ["config", "format", "session-id", "session-field", "window", ...MINER_VALUE_FLAGS];
const BOOLEANS = [...MINER_BOOLEAN_FLAGS];
const parse = (argv: string[]) => parseArgs(argv, { values: VALUES, booleans: BOOLEANS, multi: ["mask"] });

describe("miner flags", () => {
  it("reads masks in order, the placeholder and the Drain settings, and lists what was given explicitly", () => {
    const f = readMinerFlags(parse(["--mask", "PID=\\[\\d+\\]", "--mask", "*=0x[0-9a-f]+", "--mask-placeholder", "<*>", "--st", "0.6", "--max-clusters", "20", "--extra-delimiters", "=,=", "--tree-walk", "drain3"]));
    expect(f.options.masksBefore).toEqual([{ name: "PID", pattern: "\\[\\d+\\]" }, { name: "*", pattern: "0x[0-9a-f]+" }]);
    expect(f.options.placeholder).toBe("<*>");
    expect(f.options.drain).toEqual({ simThreshold: 0.6, maxClusters: 20, treeWalk: "drain3" });
    expect(f.options.extraDelimiters).toEqual(["=", ","]);
    expect(f.explicit.sort()).toEqual(["extraDelimiters", "masking", "maxClusters", "simThreshold", "treeWalk"]);
    expect(readMinerFlags(parse(["--no-default-masks"])).options.masking).toBe("none");
    expect(readMinerFlags(parse([])).explicit).toEqual([]);
  });
  it("refuses bad values, naming the flag and the value", () => {
    const bad: [string[], RegExp][] = [
      [["--mask", "nopattern"], /--mask must be NAME=REGEX .*got "nopattern"/],
      [["--mask", "A=("], /--mask A=\(: /],
      [["--mask-placeholder", "#"], /--mask-placeholder must be <\*> or <:NAME:>, got "#"/],
      [["--st", "2"], /--st must be a number in \[0, 1\], got "2"/],
      [["--depth", "2"], /--depth must be an integer ≥ 3, got "2"/],
      [["--max-children", "1.5"], /--max-children must be an integer ≥ 2/],
      [["--max-clusters", "-1"], /--max-clusters must be an integer ≥ 0/],
      [["--parametrize-numeric-tokens", "yes"], /must be true or false, got "yes"/],
      [["--tree-walk", "x"], /--tree-walk must be logparser or drain3/],
      [["--extra-delimiters", "a b"], /--extra-delimiters must be delimiter characters without whitespace/],
    ];
    for (const [argv, err] of bad) expect(() => readMinerFlags(parse(argv))).toThrow(err);
  });
  it("--config gives defaults that flags override; a session rule on the command line replaces the file's", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfgflags-"));
    const cfg = join(dir, "loglab.json");
    writeFileSync(cfg, JSON.stringify({ format: "OpenSSH", masks: [{ name: "A", pattern: "a+" }], drain: { st: 0.3 }, sessionField: "Pid" }));
    const known = [...VALUES, ...BOOLEANS];
    const { args, config } = withConfigDefaults(parse(["--config", cfg, "--st", "0.7"]), "sessions", known, { exclusive: [["session-id", "session-field", "window"]] });
    expect(config).toBe(cfg);
    expect(args.flags.get("st")).toEqual(["0.7"]);
    expect(args.flags.get("mask")).toEqual(["A=a+"]);
    expect(args.flags.get("session-field")).toEqual(["Pid"]);
    const windowed = withConfigDefaults(parse(["--config", cfg, "--window", "10"]), "sessions", known, { exclusive: [["session-id", "session-field", "window"]] });
    expect(windowed.args.flags.has("session-field")).toBe(false);
    // parse has no session rule: the file's is skipped there, but an unsupported key is an error.
    expect(withConfigDefaults(parse(["--config", cfg]), "parse", known.filter((f) => !f.startsWith("session")), { notForThis: ["session-field"] }).args.flags.has("session-field")).toBe(false);
    expect(() => withConfigDefaults(parse(["--config", cfg]), "parse", known.filter((f) => !f.startsWith("session")))).toThrow(/its setting for --session-field is not supported yet by `loglab parse`/);
    expect(() => withConfigDefaults(parse(["--config", join(dir, "none.json")]), "parse", known)).toThrow(/--config: could not read the configuration/);
  });
});
