import { describe, expect, it } from "vitest";
import { readKeySessions } from "../../lib/io/key-files.js";
import { dataPath } from "../../lib/runtime/project.js";
import { crossSetDuplicates, duplicateStats } from "../../lib/windows/duplicate-stats.js";

describe("duplicateStats", () => {
  it("reports HDFS's duplicate sessions: 4,855 training sessions hold 839 distinct ones", () => {
    const d = duplicateStats(readKeySessions(dataPath("hdfs-deeplog", "hdfs_train")).sequences);
    expect(d.sequences).toBe(4855);
    expect(d.distinct).toBe(839);
    expect(d.duplicates).toBe(4855 - 839);
    expect(d.maxMultiplicity).toBeGreaterThan(100);
  });
  it("counts identical sequences labeled both ways", () => {
    const d = duplicateStats([[1, 2], [1, 2], [3], [1, 2], [4]], [0, 1, 0, 0, 1]);
    expect(d).toEqual({ sequences: 5, distinct: 3, duplicates: 2, distinctShare: 0.6, maxMultiplicity: 3, labelConflicts: 1, labelConflictSequences: 3 });
    expect(() => duplicateStats([[1]], [0, 1])).toThrow(/1 sequences but 2 labels/);
  });
  it("counts sequences of a later set that occur in an earlier one", () => {
    expect(crossSetDuplicates([[1, 2], [3]], [[1, 2], [1, 2], [4], [3]])).toEqual({ sequences: 3, distinct: 2 });
  });
});
