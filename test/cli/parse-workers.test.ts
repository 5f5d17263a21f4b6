import { describe, expect, it } from "vitest";
import { AUTO_PARALLEL_BYTES, autoParseWorkers, parseWorkersFlag } from "../../lib/cli/parse-workers.js";

describe("--workers", () => {
  it("auto keeps one core for the main thread and runs workers only when that leaves 2 or more, on large inputs", () => {
    const big = AUTO_PARALLEL_BYTES * 2;
    expect(autoParseWorkers(big, 2)).toBe(1);
    expect(autoParseWorkers(big, 3)).toBe(2);
    expect(autoParseWorkers(big, 16)).toBe(15);
    expect(autoParseWorkers(AUTO_PARALLEL_BYTES - 1, 16)).toBe(1);
  });

  it("an explicit N is taken as given, and N > 1 needs two passes and no Parquet", () => {
    const run = { inputs: [], passes: 2, parquet: false };
    expect(parseWorkersFlag("3", run)).toBe(3);
    expect(() => parseWorkersFlag("0", run)).toThrow(/positive integer or auto/);
    expect(() => parseWorkersFlag("2", { ...run, passes: 1 })).toThrow(/needs --passes 2/);
    expect(() => parseWorkersFlag("2", { ...run, parquet: true })).toThrow(/--parquet/);
    expect(parseWorkersFlag("auto", { ...run, passes: 1 })).toBe(1);
  });
});
