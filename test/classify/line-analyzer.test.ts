import { describe, expect, it } from "vitest";
import { LineAnalyzer, maskedContentTemplate } from "../../lib/classify/line-analyzer.js";
import { parseLines } from "../../lib/parse/log-parser.js";
import { loghubLines } from "./classify-fixtures.js";

describe("LineAnalyzer", () => {
  const hdfs = loghubLines("HDFS", 300);
  const parsed = parseLines(hdfs, { format: "HDFS" });
  const analyzer = new LineAnalyzer(new Map([["HDFS", parsed.miner]]), null);

  it("gives training lines the template training gave them (read-only match on the fitted Drain state)", () => {
    const a = analyzer.analyze(hdfs);
    const same = a.filter((x, i) => x.template === parsed.events[i]!.template).length;
    expect(same).toBe(hdfs.length);
    expect(a.every((x) => x.logType === "HDFS" && x.templateMatched)).toBe(true);
    expect(a[0]!.content).toBe(parsed.events[0]!.content);
  });
  it("never changes the Drain state, and a restored state gives the same results", () => {
    const before = JSON.stringify(analyzer.toState());
    const fresh = loghubLines("HDFS", 200, 1500);
    const first = analyzer.analyze(fresh);
    expect(JSON.stringify(analyzer.toState())).toBe(before);
    const restored = LineAnalyzer.fromState(JSON.parse(before));
    expect(restored.analyze(fresh)).toEqual(first);
  });
  it("masks a message no cluster covers instead of mining it", () => {
    const [x] = analyzer.analyze(["081109 203615 148 INFO dfs.Brand$New: totally new message with 42 values at 10.0.0.1:50010"]);
    expect(x!.templateMatched).toBe(false);
    expect(x!.templateId).toBe("");
    expect(x!.template).toBe("totally new message with <*> values at <*>");
    expect(maskedContentTemplate("took 12ms for blk_77 id=abc9")).toBe("took <*> for <*> <*>");
  });
  it("uses the fallback state for types without their own, and masks when there is none", () => {
    const withFallback = new LineAnalyzer(new Map(), parsed.miner);
    const [x] = withFallback.analyze([hdfs[0]!]);
    expect(x!.templateMatched).toBe(true);
    const [y] = new LineAnalyzer(new Map(), null).analyze([hdfs[0]!]);
    expect(y!.templateMatched).toBe(false);
  });
  it("rejects a state of another format or version, naming the source", () => {
    expect(() => LineAnalyzer.fromState({ format: "x" } as never, "m/line-analyzer.json")).toThrow(/m\/line-analyzer.json: not a loglab line analyzer state/);
    expect(() => LineAnalyzer.fromState({ format: "loglab.line-analyzer", version: 2 } as never)).toThrow(/version 2 is not supported/);
    expect(() => LineAnalyzer.fromState({ format: "loglab.line-analyzer", version: 1, miners: { HDFS: { format: "nope" } }, fallback: null } as never)).toThrow(/Drain state of HDFS/);
  });
});
