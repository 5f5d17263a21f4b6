import type { HeaderFormat } from "./header-format.js";
import { isoToMillis, monthIndex, readClock, utcMillis } from "./timestamps.js";

/**
 * Syslog header formats: RFC 3164 (BSD syslog, as written by rsyslog/syslog-ng to files, with or
 * without the `<PRI>` prefix) and RFC 5424 (structured syslog).
 */

/** Syslog severities by their code (RFC 5424 table 2), as short names. */
export const SYSLOG_SEVERITIES = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"] as const;

function severityOf(pri: string): string | undefined {
  if (pri === "") return undefined;
  const n = Number(pri);
  return Number.isInteger(n) && n >= 0 && n <= 191 ? SYSLOG_SEVERITIES[n % 8] : undefined;
}

// <PRI>? Mmm dd hh:mm:ss host tag[pid]: message   (tag and [pid] optional, as in kernel lines)
const RFC3164 = /^(?:<(\d{1,3})>)?([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}) (\S+) (?:([^\s:[\]]+)(?:\[(\d+)\])?: ?)?(.*)$/s;

/**
 * RFC 3164 syslog: fields Pri, Month, Day, Time, Host, Tag, Pid, Severity (the PRI's severity
 * name); Content is the message. The year is absent: timestamps need `assumeYear`.
 *
 * @example
 * syslogRfc3164.parse("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed")?.content; // "'su root' failed"
 */
export const syslogRfc3164: HeaderFormat = {
  name: "syslog-rfc3164",
  description: "RFC 3164 (BSD) syslog: [<PRI>]Mmm dd hh:mm:ss host tag[pid]: message",
  fields: ["Pri", "Month", "Day", "Time", "Host", "Tag", "Pid", "Severity"],
  levelField: "Severity",
  componentField: "Tag",
  specificity: 5,
  parse(line) {
    const m = RFC3164.exec(line);
    if (!m || monthIndex(m[2]!) < 0) return null;
    const pri = m[1] ?? "";
    return { values: [pri, m[2]!, m[3]!, m[4]!, m[5]!, m[6] ?? "", m[7] ?? "", severityOf(pri) ?? ""], content: m[8]! };
  },
  timestamp(v, o) {
    if (o.assumeYear === undefined) return undefined;
    const c = readClock(v[3]!);
    return c ? utcMillis(o.assumeYear, monthIndex(v[1]!), Number(v[2]), ...c) : undefined;
  },
  plausibility(v) {
    return (v[0] === "" || severityOf(v[0]!) !== undefined ? 0.5 : 0) + (v[5] !== "" ? 0.5 : 0.25);
  },
};

const SD = `(?:\\[(?:[^\\]"\\\\]|"(?:[^"\\\\]|\\\\.)*")*\\])`;
const RFC5424 = new RegExp(`^<(\\d{1,3})>(\\d{1,2}) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (-|${SD}+)(?: (.*))?$`, "s");

/**
 * RFC 5424 syslog: fields Pri, Version, Timestamp, Host, App, ProcId, MsgId, StructuredData,
 * Severity; Content is MSG (a leading UTF-8 BOM removed). Timestamps carry their zone.
 *
 * @example
 * syslogRfc5424.parse('<165>1 2003-10-11T22:14:15.003Z host evntslog - ID47 [ex@32473 iut="3"] An event')?.content; // "An event"
 */
export const syslogRfc5424: HeaderFormat = {
  name: "syslog-rfc5424",
  description: "RFC 5424 syslog: <PRI>VERSION TIMESTAMP HOST APP PROCID MSGID [SD] MSG",
  fields: ["Pri", "Version", "Timestamp", "Host", "App", "ProcId", "MsgId", "StructuredData", "Severity"],
  levelField: "Severity",
  componentField: "App",
  specificity: 12,
  parse(line) {
    const m = RFC5424.exec(line);
    if (!m) return null;
    let content = m[9] ?? "";
    if (content.charCodeAt(0) === 0xfeff) content = content.slice(1);
    return { values: [m[1]!, m[2]!, m[3]!, m[4]!, m[5]!, m[6]!, m[7]!, m[8]!, severityOf(m[1]!) ?? ""], content };
  },
  timestamp(v) {
    return v[2] === "-" ? undefined : isoToMillis(v[2]!);
  },
  plausibility(v) {
    return v[2] === "-" || isoToMillis(v[2]!) !== undefined ? 1 : 0.3;
  },
};
