import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { apiClassName } from "../../lib/classify/api-class-names.js";
import { saveLineClassifier } from "../../lib/classify/line-classifier-folder.js";
import { loghubLines, smallTraining } from "../classify/classify-fixtures.js";
import { runCli } from "./cli-helpers.js";

describe("loglab classify", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-classify-"));
  const model = join(dir, "classifier-ml");
  const input = join(dir, "in.log");
  beforeAll(async () => {
    await saveLineClassifier(model, smallTraining().classifier);
    writeFileSync(input, [...loghubLines("OpenSSH", 5), "", ...loghubLines("HDFS", 3)].join("\n") + "\n");
  });
  it("prints per line: log type, class, confidence, probabilities and template; latency on stderr", async () => {
    const r = await runCli(["classify", "--model", model, "--input", input]);
    expect(r.code).toBe(0);
    const rows = r.out.trim().split("\n");
    expect(rows[0]).toBe("line\tlog_type\tclass\tconfidence\tprobabilities(normal,security,system_failure,performance,network,config,hardware)\ttemplate");
    expect(rows).toHaveLength(9);
    const cells = rows.slice(1).map((l) => l.split("\t"));
    expect(cells.map((c) => c[0])).toEqual(["1", "2", "3", "4", "5", "7", "8", "9"]);
    expect(cells.slice(5).map((c) => c[1])).toEqual(["HDFS", "HDFS", "HDFS"]);
    for (const c of cells) {
      const p = c[4]!.split(",").map(Number);
      expect(p).toHaveLength(7);
      expect(Number(c[3])).toBeCloseTo(Math.max(...p), 3);
    }
    expect(r.err).toMatch(/8 lines classified \(1 blank lines skipped\); [\d.]+ µs per line in batches of 100, [\d.]+ µs per single-line call \(8 lines\)/);
  });
  it("--json gives one object per line with the API class name; --format applies one format to every line", async () => {
    const r = await runCli(["classify", "--model", model, "--input", input, "--json", "--format", "OpenSSH"]);
    expect(r.code).toBe(0);
    const objs = r.out.trim().split("\n").map((l) => JSON.parse(l));
    expect(objs[0]).toMatchObject({ line: 1, log_type: "OpenSSH" });
    for (const o of objs) expect(o.api_class).toBe(apiClassName(o.class_index));
    expect(objs[5].log_type).toBe("OpenSSH");
    expect(objs[5].content).toBe(loghubLines("HDFS", 1)[0]); // the format does not fit: the whole line is the content
  });
  it("says what is wrong with the model folder, the input or a flag", async () => {
    expect((await runCli(["classify", "--model", dir, "--input", input])).err).toMatch(/--model .*loglab-classifier.json is missing/);
    expect((await runCli(["classify", "--model", model, "--input", join(dir, "none")])).err).toMatch(/no such file/);
    expect((await runCli(["classify", "--model", model, "--input", input, "--detection", "sometimes"])).code).toBe(2);
    expect((await runCli(["classify", "--model", model, "--input", input, "--format", "Nope"])).code).toBe(2);
  });
});
