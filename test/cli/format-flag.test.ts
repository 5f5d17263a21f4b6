import { describe, expect, it } from "vitest";
import { CliError } from "../../lib/cli/cli-error.js";
import { checkFormatFlag } from "../../lib/cli/format-flag.js";

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
});
