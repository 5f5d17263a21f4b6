import { describe, expect, it } from "vitest";
import { SYSLOG_SEVERITIES, syslogRfc3164, syslogRfc5424 } from "../../../lib/parse/formats/syslog.js";

describe("syslog formats", () => {
  // Moved from test/parse/formats/syslog-apache.test.ts.
  it("RFC 3164 with and without PRI, tag and pid", () => {
    const m = syslogRfc3164.parse("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8")!;
    expect(m.values).toEqual(["34", "Oct", "11", "22:14:15", "mymachine", "su", "123", "crit"]);
    expect(m.content).toBe("'su root' failed for lonvick on /dev/pts/8");
    expect(syslogRfc3164.timestamp!(m.values, { assumeYear: 2003 })).toBe(Date.UTC(2003, 9, 11, 22, 14, 15));
    expect(syslogRfc3164.parse("Feb  5 17:32:18 host kernel: eth0: link up")!.values.slice(4, 6)).toEqual(["host", "kernel"]);
    expect(syslogRfc3164.parse("not syslog")).toBeNull();
  });

  // Moved from test/parse/formats/syslog-apache.test.ts.
  it("RFC 5424 with structured data and zone", () => {
    const m = syslogRfc5424.parse('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Appl]ication"] An application event')!;
    expect(m.values.slice(0, 8)).toEqual(["165", "1", "2003-10-11T22:14:15.003Z", "mymachine.example.com", "evntslog", "-", "ID47", '[exampleSDID@32473 iut="3" eventSource="Appl]ication"]']);
    expect(m.values[8]).toBe("notice");
    expect(m.content).toBe("An application event");
    expect(syslogRfc5424.timestamp!(m.values, {})).toBe(Date.UTC(2003, 9, 11, 22, 14, 15, 3));
    expect(syslogRfc5424.parse("<34>1 2003-10-11T22:14:15+02:00 h a p m -")!.content).toBe("");
  });

  it("RFC 3164: severity is PRI mod 8; no PRI or an out-of-range PRI gives no severity", () => {
    expect(SYSLOG_SEVERITIES).toEqual(["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]);
    expect(syslogRfc3164.parse("<0>Jan  1 00:00:00 h t: x")!.values[7]).toBe("emerg");
    expect(syslogRfc3164.parse("<191>Jan  1 00:00:00 h t: x")!.values[7]).toBe("debug");
    expect(syslogRfc3164.parse("<192>Jan  1 00:00:00 h t: x")!.values[7]).toBe("");
    expect(syslogRfc3164.parse("Jan  1 00:00:00 h t: x")!.values[0]).toBe("");
    expect(syslogRfc3164.parse("Jan  1 00:00:00 h t: x")!.values[7]).toBe("");
  });

  it("RFC 3164: no tag leaves Tag and Pid empty and the rest is content; a bad month is not syslog", () => {
    const m = syslogRfc3164.parse("Mar 10 01:02:03 host just a message")!;
    expect(m.values.slice(4)).toEqual(["host", "", "", ""]);
    expect(m.content).toBe("just a message");
    expect(syslogRfc3164.parse("Foo 10 01:02:03 host t: x")).toBeNull();
  });

  it("RFC 3164: no timestamp without an assumed year; plausibility prefers a tag and a valid PRI", () => {
    const m = syslogRfc3164.parse("<13>Dec 31 23:59:59 h app[1]: x")!;
    expect(syslogRfc3164.timestamp!(m.values, {})).toBeUndefined();
    expect(syslogRfc3164.timestamp!(m.values, { assumeYear: 2020 })).toBe(Date.UTC(2020, 11, 31, 23, 59, 59));
    expect(syslogRfc3164.plausibility!(m.values)).toBe(1);
    expect(syslogRfc3164.plausibility!(syslogRfc3164.parse("Dec 31 23:59:59 h no tag here")!.values)).toBe(0.75);
    expect(syslogRfc3164.plausibility!(syslogRfc3164.parse("<999>Dec 31 23:59:59 h app: x")!.values)).toBe(0.5);
  });

  it("RFC 5424: nil timestamp, a leading BOM removed from MSG, multiple SD elements, not 5424 otherwise", () => {
    const m = syslogRfc5424.parse("<14>1 - host app 12 - [a@1 x=\"1\"][b@2 y=\"\\\"q\\\"\"] \ufeffhello")!;
    expect(m.values[2]).toBe("-");
    expect(m.values[7]).toBe('[a@1 x="1"][b@2 y="\\"q\\""]');
    expect(m.values[8]).toBe("info");
    expect(m.content).toBe("hello");
    expect(syslogRfc5424.timestamp!(m.values, {})).toBeUndefined();
    expect(syslogRfc5424.plausibility!(m.values)).toBe(1);
    expect(syslogRfc5424.parse("Oct 11 22:14:15 mymachine su: x")).toBeNull();
  });

  it("RFC 5424: a timestamp that is not RFC 3339 gives none and a low plausibility", () => {
    const m = syslogRfc5424.parse("<14>1 yesterday host app 12 - - msg")!;
    expect(syslogRfc5424.timestamp!(m.values, {})).toBeUndefined();
    expect(syslogRfc5424.plausibility!(m.values)).toBe(0.3);
    expect(syslogRfc5424.timestamp!(syslogRfc5424.parse("<14>1 2020-01-02T03:04:05+01:00 h a p m - x")!.values, {})).toBe(Date.UTC(2020, 0, 2, 2, 4, 5));
  });

  it("both formats declare their fields, level and component", () => {
    expect(syslogRfc3164.fields).toEqual(["Pri", "Month", "Day", "Time", "Host", "Tag", "Pid", "Severity"]);
    expect([syslogRfc3164.levelField, syslogRfc3164.componentField]).toEqual(["Severity", "Tag"]);
    expect(syslogRfc5424.fields).toHaveLength(9);
    expect([syslogRfc5424.levelField, syslogRfc5424.componentField]).toEqual(["Severity", "App"]);
  });
});
