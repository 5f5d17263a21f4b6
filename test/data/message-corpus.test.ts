import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { corpusSourceRows, readMessageCorpus, shippedCorpusSources } from "../../lib/data/message-corpus.js";
import { readLoghubStructured } from "../../lib/data/loghub-2k.js";

describe("message corpus", () => {
  it("lists the 16 LogHub samples and the LogAI files, each with its format", () => {
    const sources = shippedCorpusSources({ includeFull: false });
    expect(sources.filter((s) => s.collection === "loghub-2k")).toHaveLength(16);
    const logai = sources.filter((s) => s.collection === "logai-raw");
    expect(logai.map((s) => s.format).sort()).toEqual(["BGL", "HDFS", "HealthApp"]);
  });
  it("reads the message field: the LogHub messages equal the ground truth's Content", async () => {
    const src = shippedCorpusSources({ includeFull: false }).find((s) => s.format === "OpenSSH" && s.collection === "loghub-2k")!;
    const c = await readMessageCorpus([src], { maxLinesPerFile: 50 });
    expect(c.messages).toEqual(readLoghubStructured("OpenSSH").slice(0, 50).map((r) => r.content));
    expect(c.sources[0]).toMatchObject({ lines: 50, messages: 50, rejected: 0, capped: true });
  });
  it("counts lines that do not fit the format as rejected, with the reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-"));
    try {
      const p = join(dir, "HDFS_bad.log");
      writeFileSync(p, "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38 terminating\nnot a header\n");
      const c = await readMessageCorpus([{ path: p, collection: "full", format: "HDFS" }]);
      expect(c.messages).toEqual(["PacketResponder 1 for block blk_38 terminating"]);
      expect(c.sources[0]!.rejected).toBe(1);
      expect(c.rejectExamples[0]).toMatchObject({ lineNo: 2, reason: expect.stringMatching(/header does not match/) });
      expect(corpusSourceRows(c)[0]!.reasons).toMatch(/header does not match format HDFS: 1/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("detects the format of a file whose name names no system", async () => {
    const dir = mkdtempSync(join(tmpdir(), "corpus-"));
    try {
      const p = join(dir, "mystery.log");
      writeFileSync(p, readLoghubStructured("HDFS").slice(0, 30).map((r) => `${r.fields.Date} ${r.fields.Time} ${r.fields.Pid} ${r.fields.Level} ${r.fields.Component}: ${r.content}`).join("\n") + "\n");
      const c = await readMessageCorpus([{ path: p, collection: "full", format: "auto" }]);
      expect(c.sources[0]!.format).toMatch(/detected/);
      expect(c.messages).toHaveLength(30);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
