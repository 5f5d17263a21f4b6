import { describe, expect, it } from "vitest";
import { apacheAccessCombined, apacheAccessCommon, apacheError } from "../../../lib/parse/formats/apache.js";
import { syslogRfc3164, syslogRfc5424 } from "../../../lib/parse/formats/syslog.js";

describe("syslog formats", () => {
  it("RFC 3164 with and without PRI, tag and pid", () => {
    const m = syslogRfc3164.parse("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick on /dev/pts/8")!;
    expect(m.values).toEqual(["34", "Oct", "11", "22:14:15", "mymachine", "su", "123", "crit"]);
    expect(m.content).toBe("'su root' failed for lonvick on /dev/pts/8");
    expect(syslogRfc3164.timestamp!(m.values, { assumeYear: 2003 })).toBe(Date.UTC(2003, 9, 11, 22, 14, 15));
    expect(syslogRfc3164.parse("Feb  5 17:32:18 host kernel: eth0: link up")!.values.slice(4, 6)).toEqual(["host", "kernel"]);
    expect(syslogRfc3164.parse("not syslog")).toBeNull();
  });

  it("RFC 5424 with structured data and zone", () => {
    const m = syslogRfc5424.parse('<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut="3" eventSource="Appl]ication"] An application event')!;
    expect(m.values.slice(0, 8)).toEqual(["165", "1", "2003-10-11T22:14:15.003Z", "mymachine.example.com", "evntslog", "-", "ID47", '[exampleSDID@32473 iut="3" eventSource="Appl]ication"]']);
    expect(m.values[8]).toBe("notice");
    expect(m.content).toBe("An application event");
    expect(syslogRfc5424.timestamp!(m.values, {})).toBe(Date.UTC(2003, 9, 11, 22, 14, 15, 3));
    expect(syslogRfc5424.parse("<34>1 2003-10-11T22:14:15+02:00 h a p m -")!.content).toBe("");
  });
});

describe("Apache formats", () => {
  it("access log, common and combined, with the zone applied", () => {
    const line = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326';
    const m = apacheAccessCommon.parse(line)!;
    expect(m.content).toBe("GET /apache_pb.gif HTTP/1.0");
    expect(m.values).toEqual(["127.0.0.1", "-", "frank", "10/Oct/2000:13:55:36 -0700", "200", "2326", "info"]);
    expect(apacheAccessCommon.timestamp!(m.values, {})).toBe(Date.UTC(2000, 9, 10, 20, 55, 36));
    const c = apacheAccessCombined.parse(`${line} "http://example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"`)!;
    expect(c.values.slice(7)).toEqual(["http://example.com/start.html", "Mozilla/4.08 [en] (Win98; I ;Nav)"]);
    expect(apacheAccessCommon.parse(line.replace(" 200 ", " 503 "))!.values[6]).toBe("error");
  });

  it("error log, 2.2 and 2.4 styles", () => {
    expect(apacheError.parse("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6")!.values).toEqual(["Sun Dec 04 04:47:44 2005", "", "error", "", "", ""]);
    const m = apacheError.parse("[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico")!;
    expect(m.values).toEqual(["Wed Oct 11 14:32:52.123456 2000", "core", "error", "35708", "4328636416", "72.15.99.187"]);
    expect(m.content).toBe("File does not exist: /usr/local/apache2/htdocs/favicon.ico");
    expect(apacheError.timestamp!(m.values, {})).toBe(Date.UTC(2000, 9, 11, 14, 32, 52, 123));
  });
});
