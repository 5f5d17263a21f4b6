import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configFlagDefaults, maskRuleOf, readLogSourceConfig, validateLogSourceConfig } from "../../lib/config/log-source-config.js";

describe("log-source config (loglab.json)", () => {
  it("maps every key onto the flag it stands for, masks in order", () => {
    const c = validateLogSourceConfig(
      {
        format: "OpenSSH", mode: "drain", assumeYear: 2016, masks: [{ name: "PID", pattern: "\\d+" }, { name: "IP", pattern: "\\d+\\.\\d+" }], defaultMasks: false, maskPlaceholder: "<*>",
        drain: { st: 0.5, depth: 5, maxChildren: 50, maxClusters: 10, extraDelimiters: "=,", parametrizeNumericTokens: false, treeWalk: "drain3" },
        sessionField: "Pid", sessionTimeout: 60,
      },
      "x.json",
    );
    expect(Object.fromEntries(configFlagDefaults(c))).toEqual({
      format: ["OpenSSH"], mode: ["drain"], "assume-year": ["2016"], mask: ["PID=\\d+", "IP=\\d+\\.\\d+"], "no-default-masks": ["true"], "mask-placeholder": ["<*>"],
      st: ["0.5"], depth: ["5"], "max-children": ["50"], "max-clusters": ["10"], "extra-delimiters": ["=,"], "parametrize-numeric-tokens": ["false"], "tree-walk": ["drain3"],
      "session-field": ["Pid"], "session-timeout": ["60"],
    });
  });
  it("names the file and the key of every bad value", () => {
    const bad: [unknown, RegExp][] = [
      [[], /x\.json: the configuration must be a JSON object, got an array/],
      [{ formt: "HDFS" }, /x\.json: unknown key "formt" \(known: format, /],
      [{ drain: { st: "high" } }, /x\.json: "drain\.st" must be a number in \[0, 1\], got "high"/],
      [{ drain: { sim_th: 0.4 } }, /unknown key "drain\.sim_th"/],
      [{ masks: [{ name: "A", pattern: "(" }] }, /x\.json: "masks\[0\]": /],
      [{ masks: [{ name: "A" }] }, /"masks\[0\]\.pattern" must be a non-empty string, got undefined/],
      [{ maskPlaceholder: "<>" }, /"maskPlaceholder" must be "<\*>" or "<:NAME:>"/],
      [{ sessionTimeout: 0 }, /"sessionTimeout" must be a positive number of seconds, got 0/],
      [{ sessionPattern: "[" }, /"sessionPattern" is not a valid regular expression/],
      [{ drain: { extraDelimiters: "a b" } }, /"drain\.extraDelimiters" must be a string of delimiter characters/],
    ];
    for (const [value, err] of bad) expect(() => validateLogSourceConfig(value, "x.json")).toThrow(err);
  });
  it("reads a file, naming it when it is missing or not JSON", () => {
    const dir = mkdtempSync(join(tmpdir(), "cfg-"));
    const ok = join(dir, "loglab.json");
    writeFileSync(ok, JSON.stringify({ format: "HDFS", drain: { depth: 4 } }));
    expect(readLogSourceConfig(ok)).toEqual({ format: "HDFS", drain: { depth: 4 } });
    writeFileSync(join(dir, "bad.json"), "{ format: HDFS }");
    expect(() => readLogSourceConfig(join(dir, "bad.json"))).toThrow(/bad\.json: not valid JSON/);
    expect(() => readLogSourceConfig(join(dir, "none.json"))).toThrow(/could not read the configuration .*none\.json: no such file/);
  });
  it("splits --mask NAME=REGEX at the first =", () => {
    expect(maskRuleOf("KV=a=b")).toEqual({ name: "KV", pattern: "a=b" });
    expect(maskRuleOf("=x")).toBeNull();
    expect(maskRuleOf("noequals")).toBeNull();
  });
});
