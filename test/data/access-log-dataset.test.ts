import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readAccessLog } from "../../lib/data/access-log-dataset.js";
import { generateAccessLog, writeAccessLog } from "../../lib/data/synthetic-access.js";
import { Rng } from "../../lib/runtime/rng.js";

const dir = mkdtempSync(join(tmpdir(), "access-log-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readAccessLog", () => {
  it("reads labels from FILE.labels.csv (what synth writes)", () => {
    const lines = generateAccessLog(new Rng(3), { format: "access-combined", lines: 200, anomalyRatio: 0.1 });
    const p = join(dir, "a.log");
    writeAccessLog(p, lines);
    const log = readAccessLog(p);
    expect(log.labelSource).toBe("labels-csv");
    expect(Array.from(log.labels!)).toEqual(lines.map((l) => l.label));
    expect(log.attackTypes![lines.findIndex((l) => l.label === 1)]).toBe(lines.find((l) => l.label === 1)!.attackType);
  });
  it("reads a 0/1 label column at the end of each line; rejects non-requests with the line number", () => {
    const l = '1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 10 "-" "curl/8"';
    const p = join(dir, "b.log");
    writeFileSync(p, `${l}\t0\nnot a request\n${l.replace("GET /", "GET /.env")} 1\n`);
    const log = readAccessLog(p);
    expect(log.labelSource).toBe("label-column");
    expect(Array.from(log.labels!)).toEqual([0, 1]);
    expect(log.requests.map((r) => r.lineNo)).toEqual([1, 3]);
    expect(log.rejected).toEqual([expect.objectContaining({ lineNo: 2 })]);
    expect(log.lines[0]).toBe(l);
  });
  it("an unlabelled log has no labels; a labels file missing a line is an error", () => {
    const l = '1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 10';
    const p = join(dir, "c.log");
    writeFileSync(p, `${l}\n${l}\n`);
    expect(readAccessLog(p).labels).toBeNull();
    writeFileSync(`${p}.labels.csv`, "LineId,Label\n1,0\n");
    expect(() => readAccessLog(p)).toThrow(/no label for line 2/);
  });
  it("reads a CSV with a raw-line column and a 0/1 label column (attack type optional); rejects non-requests by data row", () => {
    const l = '1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 10 "-" "curl/8"';
    const q = (x: string): string => `"${x.replace(/"/g, '""')}"`;
    const p = join(dir, "c.csv");
    writeFileSync(p, `Line,Label,attack_type\n${q(l)},0,\nnot a request,0,\n${q(l.replace("GET /", "GET /.env"))},1,scanning\n`);
    const log = readAccessLog(p);
    expect(log.labelSource).toBe("csv-columns");
    expect(Array.from(log.labels!)).toEqual([0, 1]);
    expect(log.attackTypes).toEqual(["", "scanning"]);
    expect(log.requests.map((r) => r.lineNo)).toEqual([1, 3]);
    expect(log.lines[2]).toContain("/.env");
    expect(log.rejected).toEqual([expect.objectContaining({ lineNo: 2 })]);
    writeFileSync(join(dir, "d.csv"), "line,status\nx,200\n");
    expect(() => readAccessLog(join(dir, "d.csv"))).toThrow(/raw-line column .* and a 0\/1 label column/);
    writeFileSync(join(dir, "e.csv"), `line,label\n${q(l)},yes\n`);
    expect(() => readAccessLog(join(dir, "e.csv"))).toThrow(/e.csv:2: label must be 0 or 1/);
  });
});
