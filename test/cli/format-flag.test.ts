import { describe, expect, it } from "vitest";
import { CliError } from "../../lib/cli/cli-error.js";
import { checkAssumeYear, checkFormatFlag } from "../../lib/cli/format-flag.js";

describe("checkFormatFlag", () => {
  it("accepts a built-in name, auto, or a LogHub-style string with <Content>", () => {
    for (const f of ["HDFS", "syslog-rfc5424", "raw", "auto", "<Date> <Time> <Content>"]) expect(checkFormatFlag(f)).toBe(f);
  });
  it("anything else is a usage error (exit 2) listing the choices", () => {
    let e: unknown = null;
    try {
      checkFormatFlag("hdfs");
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(CliError);
    expect((e as CliError).exitCode).toBe(2);
    expect((e as CliError).message).toMatch(/^--format "hdfs" is not a known format \(HDFS, .*raw\), "auto", or a LogHub-style string with <Content>$/);
  });
  it("compiles a custom format: an unclosed field is a usage error (issue 10, case 9)", () => {
    expect(() => checkFormatFlag("<Date> <Time <Level>: <Content>")).toThrow(/^--format: log format .*field <Time is not closed/);
    expect(checkFormatFlag("\\<<Level>> <Content>")).toBe("\\<<Level>> <Content>"); // \< is a literal <
  });
  it("--assume-year: a whole year 1970–9999 (issue 10, case 9)", () => {
    expect(checkAssumeYear(undefined)).toBeUndefined();
    expect(checkAssumeYear("2024")).toBe(2024);
    for (const bad of ["1e9", "-5", "2024.5", "99", "10000", "", "year"]) expect(() => checkAssumeYear(bad), bad).toThrow(/--assume-year must be a whole year between 1970 and 9999/);
  });
});
