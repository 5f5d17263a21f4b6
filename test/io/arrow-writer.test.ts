import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { ArrowFileWriter } from "../../lib/io/arrow-writer.js";

describe("ArrowFileWriter", () => {
  it("writes batches that read back as one table, atomically", async () => {
    const dir = mkdtempSync(join(tmpdir(), "loglab-arrow-"));
    const p = join(dir, "t.arrow");
    const w = new ArrowFileWriter(p, [
      { name: "LineId", type: "int32" },
      { name: "Content", type: "utf8" },
      { name: "Timestamp", type: "float64" },
      { name: "ParameterList", type: "list-utf8" },
    ]);
    w.writeBatch({ LineId: [1, 2], Content: ["a", "b, \"c\""], Timestamp: [1.5, null], ParameterList: [["x"], []] });
    w.writeBatch({ LineId: [3], Content: ["é"], Timestamp: [3], ParameterList: [["y", "z"]] });
    expect(readdirSync(dir).some((f) => f === "t.arrow")).toBe(false);
    await w.close();
    const t = tableFromIPC(readFileSync(p));
    expect(t.numRows).toBe(3);
    expect(t.getChild("Content")!.toArray()).toEqual(["a", 'b, "c"', "é"]);
    expect(t.getChild("Timestamp")!.get(1)).toBeNull();
    expect([...t.getChild("ParameterList")!.get(2)!]).toEqual(["y", "z"]);
    expect(() => w.writeBatch({ LineId: [1] })).toThrow(/already closed/);
  });
});
