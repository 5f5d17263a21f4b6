import { describe, expect, it } from "vitest";
import { apacheAccessCombined, apacheAccessCommon, apacheError } from "../../../lib/parse/formats/apache.js";

describe("Apache formats", () => {
  // Moved from test/parse/formats/syslog-apache.test.ts.
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

  // Moved from test/parse/formats/syslog-apache.test.ts.
  it("error log, 2.2 and 2.4 styles", () => {
    expect(apacheError.parse("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6")!.values).toEqual(["Sun Dec 04 04:47:44 2005", "", "error", "", "", ""]);
    const m = apacheError.parse("[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187] File does not exist: /usr/local/apache2/htdocs/favicon.ico")!;
    expect(m.values).toEqual(["Wed Oct 11 14:32:52.123456 2000", "core", "error", "35708", "4328636416", "72.15.99.187"]);
    expect(m.content).toBe("File does not exist: /usr/local/apache2/htdocs/favicon.ico");
    expect(apacheError.timestamp!(m.values, {})).toBe(Date.UTC(2000, 9, 11, 14, 32, 52, 123));
  });

  it("access log: 4xx is warn, '-' status and bytes are allowed, escaped quotes stay in the request, a positive zone is subtracted", () => {
    const m = apacheAccessCommon.parse('::1 - - [01/Jan/2020:00:30:00 +0100] "GET /a\\"b HTTP/1.1" 404 -')!;
    expect(m.content).toBe('GET /a\\"b HTTP/1.1');
    expect(m.values.slice(4)).toEqual(["404", "-", "warn"]);
    expect(apacheAccessCommon.timestamp!(m.values, {})).toBe(Date.UTC(2019, 11, 31, 23, 30, 0));
    expect(apacheAccessCommon.parse('h - - [x] "GET /" - -')!.values.slice(4)).toEqual(["-", "-", "info"]);
  });

  it("access log: a combined line is not a common one and vice versa; a bad time lowers plausibility", () => {
    const common = '1.2.3.4 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1';
    expect(apacheAccessCombined.parse(common)).toBeNull();
    expect(apacheAccessCommon.parse(`${common} "-" "curl"`)).toBeNull();
    expect(apacheAccessCommon.plausibility!(apacheAccessCommon.parse(common)!.values)).toBe(1);
    const bad = apacheAccessCommon.parse('1.2.3.4 - - [yesterday] "GET / HTTP/1.0" 200 1')!;
    expect(apacheAccessCommon.timestamp!(bad.values, {})).toBeUndefined();
    expect(apacheAccessCommon.plausibility!(bad.values)).toBe(0.3);
  });

  it("error log: plausibility needs a ctime date and a known level; a line without [time] [level] is not an error-log line", () => {
    const ok = apacheError.parse("[Sun Dec 04 04:47:44 2005] [notice] ok")!;
    expect(apacheError.plausibility!(ok.values)).toBe(1);
    expect(apacheError.plausibility!(apacheError.parse("[Sun Dec 04 04:47:44 2005] [loud] x")!.values)).toBe(0.5);
    expect(apacheError.plausibility!(apacheError.parse("[today] [error] x")!.values)).toBeCloseTo(0.3, 12);
    expect(apacheError.parse("Sun Dec 04 04:47:44 2005 error x")).toBeNull();
    expect([apacheError.levelField, apacheError.componentField]).toEqual(["Level", "Module"]);
  });
});
