import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dataPath, projectRoot } from "../../lib/runtime/project.js";

describe("projectRoot", () => {
  it("finds the loglab package from the root and from a subfolder", () => {
    const root = projectRoot();
    expect(projectRoot(join(root, "lib", "runtime"))).toBe(root);
    expect(dataPath("hdfs-deeplog", "hdfs_train")).toBe(join(root, "data", "hdfs-deeplog", "hdfs_train"));
  });
  it("fails clearly outside a loglab project", () => {
    const d = mkdtempSync(join(tmpdir(), "noproj-"));
    expect(() => projectRoot(d)).toThrow(/No loglab project found at or above/);
    rmSync(d, { recursive: true });
  });
});
