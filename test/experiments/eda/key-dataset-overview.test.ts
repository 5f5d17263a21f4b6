import { describe, expect, it } from "vitest";
import { hdfsBlockSessionsFromRaw, keyFileOverview } from "../../../lib/experiments/eda/key-dataset-overview.js";

describe("key dataset overview", () => {
  it("lists every key file with lengths and distinct counts", () => {
    const o = keyFileOverview(["hdfs-deeplog"]);
    expect(o.map((f) => [f.name, f.sessions, f.distinct])).toEqual([
      ["hdfs-deeplog/hdfs_train", 4855, 839],
      ["hdfs-deeplog/hdfs_test_abnormal_dev", 1684, 650],
    ]);
    expect(Math.min(...o[0]!.lengths)).toBe(13);
    expect(Math.max(...o[0]!.lengths)).toBe(42);
  });
  it("builds HDFS block sessions from the raw sample, cut for smoke runs", () => {
    const s = hdfsBlockSessionsFromRaw(undefined, { maxLines: 2000 });
    expect(s.lines).toBe(2000);
    expect(s.windows.length).toBeGreaterThan(50);
    expect(s.windows.every((w) => w.lines.every((r) => r.lineNo <= 2000))).toBe(true);
  });
});
