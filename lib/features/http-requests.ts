import type { Rejected } from "../io/rejected.js";
import { apacheAccessCombined, apacheAccessCommon } from "../parse/formats/apache.js";
import { clfToMillis } from "../parse/formats/timestamps.js";

/** One request of a web-server access log (Common or Combined Log Format). */
export interface HttpRequest {
  /** 1-based line in the input. */
  lineNo: number;
  client: string;
  time: number;
  method: string;
  /** The path part of the request target (before `?`), as sent (not decoded). */
  path: string;
  /** The query string (after `?`, without it), as sent; empty when none. */
  query: string;
  status: number;
  bytes: number;
  /** Combined format only (null in Common format). */
  referer: string | null;
  userAgent: string | null;
}

/**
 * Parses access-log lines (Combined Log Format, else Common) into requests. Every line is a
 * request or rejected with its reason (not an access-log line, no request line, bad time).
 *
 * @example
 * parseAccessLines(['1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET /a?b=1 HTTP/1.1" 200 99'], "x.log").requests[0].query; // "b=1"
 */
export function parseAccessLines(lines: readonly string[], file: string, firstLineNo = 1): { requests: HttpRequest[]; rejected: Rejected[] } {
  const requests: HttpRequest[] = [];
  const rejected: Rejected[] = [];
  lines.forEach((line, i) => {
    const lineNo = firstLineNo + i;
    const combined = apacheAccessCombined.parse(line);
    const m = combined ?? apacheAccessCommon.parse(line);
    if (!m) {
      rejected.push({ file, lineNo, reason: "not an access-log line (Common or Combined Log Format)" });
      return;
    }
    const time = clfToMillis(m.values[3]!);
    if (time === undefined) {
      rejected.push({ file, lineNo, reason: "access-log time is not dd/Mon/yyyy:HH:MM:SS ±zzzz" });
      return;
    }
    const parts = m.content.split(" ");
    if (parts.length < 2 || !/^[A-Z]+$/.test(parts[0]!)) {
      rejected.push({ file, lineNo, reason: "request line is not METHOD TARGET [PROTOCOL]" });
      return;
    }
    // The target may hold spaces when a client sent them raw: everything between method and protocol.
    const target = parts.length > 2 && /^HTTP\//.test(parts[parts.length - 1]!) ? parts.slice(1, -1).join(" ") : parts.slice(1).join(" ");
    const q = target.indexOf("?");
    requests.push({
      lineNo,
      client: m.values[0]!,
      time,
      method: parts[0]!,
      path: q < 0 ? target : target.slice(0, q),
      query: q < 0 ? "" : target.slice(q + 1),
      status: m.values[4] === "-" ? 0 : Number(m.values[4]),
      bytes: m.values[5] === "-" ? 0 : Number(m.values[5]),
      referer: combined ? m.values[7]! : null,
      userAgent: combined ? m.values[8]! : null,
    });
  });
  return { requests, rejected };
}
