import { describe, expect, it } from "vitest";
import { readLabeledKeySessions } from "../../lib/label/labeled-key-sessions.js";
import { dataPath } from "../../lib/runtime/project.js";

describe("readLabeledKeySessions", () => {
  it("labels the shipped HDFS key files by file and keeps each session's source line", () => {
    const train = dataPath("hdfs-deeplog", "hdfs_train");
    const abn = dataPath("hdfs-deeplog", "hdfs_test_abnormal_dev");
    const s = readLabeledKeySessions([
      { file: train, label: 0 },
      { file: abn, label: 1 },
    ]);
    expect(s.sequences.length).toBe(4855 + 1684);
    expect(s.labels.reduce((a, b) => a + b, 0)).toBe(1684);
    expect(s.refs[0]).toEqual({ file: train, lineNo: 1 });
    expect(s.refs[4855]).toEqual({ file: abn, lineNo: 1 });
    expect(s.files).toEqual([
      { file: train, label: 0, sessions: 4855, blankLines: 0 },
      { file: abn, label: 1, sessions: 1684, blankLines: 0 },
    ]);
  });
  it("labels the shipped BGL files", () => {
    const s = readLabeledKeySessions([
      { file: dataPath("bgl-afalog", "test_normal_dev"), label: 0 },
      { file: dataPath("bgl-afalog", "test_abnormal_dev"), label: 1 },
    ]);
    expect(s.sequences.length).toBe(89 + 34);
    expect(s.labels.reduce((a, b) => a + b, 0)).toBe(34);
  });
});
