import { describe, expect, it } from "vitest";
import { compareMinerSettings, minerSettingsOf } from "../../../lib/parse/drain/state-settings.js";
import { resolveParseSetup } from "../../../lib/parse/log-parser.js";
import { TemplateMiner } from "../../../lib/parse/drain/template-miner.js";

describe("miner settings of a state vs a request", () => {
  it("fills Drain defaults and lists masks in order", () => {
    expect(minerSettingsOf({})).toEqual({ mode: "loglab", simThreshold: 0.4, depth: 4, masking: [], maxChildren: 100, maxClusters: 0, parametrizeNumericTokens: true, treeWalk: "logparser", extraDelimiters: "" });
    const hdfs = minerSettingsOf(resolveParseSetup("HDFS").minerConfig);
    expect(hdfs).toMatchObject({ simThreshold: 0.5, depth: 4 });
    expect(hdfs.masking.map((m) => m.pattern)).toEqual(["blk_-?\\d+", "(\\d+\\.){3}\\d+(:\\d+)?"]);
    expect(minerSettingsOf(new TemplateMiner({ mode: "drain", drain: { depth: 5 } }).config)).toMatchObject({ mode: "drain", depth: 5 });
  });
  it("reports each difference and whether the user asked for it by flag", () => {
    const bgl = minerSettingsOf(resolveParseSetup("BGL").minerConfig);
    const hdfs = minerSettingsOf(resolveParseSetup("HDFS", { drain: { simThreshold: 0.7 } }).minerConfig);
    const d = compareMinerSettings(bgl, hdfs, new Set(["masking"]));
    expect(d.map((x) => [x.setting, x.explicit])).toEqual([["simThreshold", false], ["masking", true]]);
    expect(d[1]!.state).toMatch(/^1 mask \(\/core/);
    expect(compareMinerSettings(bgl, bgl, new Set(["mode", "masking"]))).toEqual([]);
  });
  it("compares the Drain3-style settings too (max clusters, tree walk, delimiters)", () => {
    const a = minerSettingsOf({ drain: { maxClusters: 10 }, extraDelimiters: ["="] });
    const b = minerSettingsOf({ drain: { treeWalk: "drain3" } });
    const d = compareMinerSettings(a, b, new Set(["treeWalk"]));
    expect(d.map((x) => [x.setting, x.state, x.requested, x.explicit])).toEqual([
      ["maxClusters", "10", "0", false],
      ["treeWalk", '"logparser"', '"drain3"', true],
      ["extraDelimiters", '"="', '""', false],
    ]);
  });
});
