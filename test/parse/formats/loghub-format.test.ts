import { describe, expect, it } from "vitest";
import { compileLogFormat, guessTimestamp, logFormat } from "../../../lib/parse/formats/loghub-format.js";

describe("LogHub-style formats", () => {
  it("compiles a format string into fields, following logparser's semantics", () => {
    const c = compileLogFormat("<Date> <Time> <Level> \\[<Process>\\] <Component>: <Content>");
    expect(c.fields).toEqual(["Date", "Time", "Level", "Process", "Component"]);
    expect(c.regex.source).toContain("\\s+");
  });

  it("parses a user's own format, fields with spaces included", () => {
    const f = logFormat("<Date> <Time> <Level> \\[<Thread>\\] <Component>: <Content>", { name: "myapp" });
    const lit = logFormat("<Date> <Time> <Level> [<Thread>] <Component>: <Content>", { literal: true });
    expect(lit.parse("2024-01-02 10:00:00 INFO [main worker] app.Server: started in 3 s")!.values[3]).toBe("main worker");
    const m = f.parse("2024-01-02 10:00:00 INFO [main worker] app.Server: started in 3 s")!;
    expect(m.values).toEqual(["2024-01-02", "10:00:00", "INFO", "main worker", "app.Server"]);
    expect(m.content).toBe("started in 3 s");
    expect(f.timestamp!(m.values, {})).toBe(Date.UTC(2024, 0, 2, 10, 0, 0));
    expect(f.levelField).toBe("Level");
    expect(f.componentField).toBe("Component");
    expect(f.parse("garbage")).toBeNull();
  });

  it("handles optional groups like Linux's `(\\[<PID>\\])?`", () => {
    const f = logFormat("<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>");
    expect(f.parse("Jun 14 15:16:01 combo sshd(pam_unix)[19939]: check pass; user unknown")!.values).toEqual(["Jun", "14", "15:16:01", "combo", "sshd(pam_unix)", "19939"]);
    expect(f.parse("Jun 15 04:06:18 combo su: session opened")!.values).toEqual(["Jun", "15", "04:06:18", "combo", "su", ""]);
  });

  it("rejects malformed formats with the reason", () => {
    expect(() => compileLogFormat("<Date> <Time>")).toThrow(/no <Content> field/);
    expect(() => compileLogFormat("<A> <A> <Content>")).toThrow(/appears twice/);
    expect(() => compileLogFormat("<A b> <Content>")).toThrow(/must be letters/);
  });

  it("guesses timestamps from common field names", () => {
    const ts = guessTimestamp(["Timestamp"])!;
    expect(ts(["1117838570"], {})).toBe(1117838570000);
    expect(guessTimestamp(["Level"])).toBeUndefined();
  });
});
