import { describe, expect, it } from "vitest";
import { detectLineTypes } from "../../lib/classify/line-types.js";
import { loghubLines } from "./classify-fixtures.js";

describe("detectLineTypes", () => {
  const hdfs = loghubLines("HDFS", 20);
  const ssh = loghubLines("OpenSSH", 3);
  it("gives every line its system's format in a batch of one system", () => {
    expect(new Set(detectLineTypes(hdfs).map((t) => t.format.name))).toEqual(new Set(["HDFS"]));
  });
  it("detects lines the batch's format does not fit (or fits implausibly) on their own", () => {
    const mixed = [...hdfs.slice(0, 10), ...ssh, "081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_1 terminating"];
    const types = detectLineTypes(mixed).map((t) => t.format.name);
    expect(types.slice(0, 10)).toEqual(Array(10).fill("HDFS"));
    expect(types.slice(10, 13)).toEqual(["OpenSSH", "OpenSSH", "OpenSSH"]);
    expect(types[13]).toBe("HDFS");
    // a mixed sample (a loose format wins on spurious matches): every line is detected alone
    const two = detectLineTypes(["Dec 10 09:32:20 LabSZ sshd[24680]: Failed password for root from 5.36.59.76 port 42393 ssh2", hdfs[0]!]).map((t) => t.format.name);
    expect(two).toEqual(["OpenSSH", "HDFS"]);
  });
  it("every-line runs detectFormat on each line alone; a given format is used for every line, misfits get no match", () => {
    expect(detectLineTypes([...ssh, hdfs[0]!], { detection: "every-line" }).map((t) => t.format.name)).toEqual(["OpenSSH", "OpenSSH", "OpenSSH", "HDFS"]);
    const given = detectLineTypes([hdfs[0]!, "no header here"], { format: "HDFS" });
    expect(given.map((t) => t.format.name)).toEqual(["HDFS", "HDFS"]);
    expect(given[0]!.match?.content).toContain("PacketResponder");
    expect(given[1]!.match).toBeNull();
  });
  it("with auto, any line gets some type (raw fits everything)", () => {
    for (const t of detectLineTypes(["just words", "", "12 34"])) expect(t.match).not.toBeNull();
  });
  it("rejects an unknown format name", () => {
    expect(() => detectLineTypes(["x"], { format: "NoSuchFormat" })).toThrow(/unknown format "NoSuchFormat"/);
  });
});
