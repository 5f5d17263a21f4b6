import type { HeaderFormat } from "./header-format.js";
import { clfToMillis, ctimeToMillis } from "./timestamps.js";

/**
 * Apache httpd logs: the access log in Common and Combined Log Format, and the error log
 * (2.2 style `[time] [level] message` and 2.4 style `[time] [module:level] [pid N:tid M] [client A] message`).
 */

const Q = `"((?:[^"\\\\]|\\\\.)*)"`;
const COMMON = new RegExp(`^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${Q} (\\d{3}|-) (\\d+|-)$`, "s");
const COMBINED = new RegExp(`^(\\S+) (\\S+) (\\S+) \\[([^\\]]+)\\] ${Q} (\\d{3}|-) (\\d+|-) ${Q} ${Q}$`, "s");

function statusLevel(status: string): string {
  const c = status.charCodeAt(0);
  return c === 53 ? "error" : c === 52 ? "warn" : "info";
}

/**
 * Apache access log, Common Log Format (`%h %l %u %t "%r" %>s %b`). Content is the request line;
 * fields Host, Ident, User, Time, Status, Bytes and Level (error for 5xx, warn for 4xx, else info).
 *
 * @example
 * apacheAccessCommon.parse('127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif HTTP/1.0" 200 2326')?.content; // "GET /a.gif HTTP/1.0"
 */
export const apacheAccessCommon: HeaderFormat = {
  name: "apache-access-common",
  description: 'Apache access log, Common Log Format: %h %l %u %t "%r" %>s %b',
  fields: ["Host", "Ident", "User", "Time", "Status", "Bytes", "Level"],
  levelField: "Level",
  specificity: 10,
  parse(line) {
    const m = COMMON.exec(line);
    if (!m) return null;
    return { values: [m[1]!, m[2]!, m[3]!, m[4]!, m[6]!, m[7]!, statusLevel(m[6]!)], content: m[5]! };
  },
  timestamp: (v) => clfToMillis(v[3]!),
  plausibility: (v) => (clfToMillis(v[3]!) !== undefined ? 1 : 0.3),
};

/**
 * Apache access log, Combined Log Format (Common plus `"%{Referer}i" "%{User-agent}i"`): the
 * fields of {@link apacheAccessCommon} plus Referer and UserAgent.
 */
export const apacheAccessCombined: HeaderFormat = {
  name: "apache-access-combined",
  description: 'Apache access log, Combined Log Format: %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"',
  fields: ["Host", "Ident", "User", "Time", "Status", "Bytes", "Level", "Referer", "UserAgent"],
  levelField: "Level",
  specificity: 14,
  parse(line) {
    const m = COMBINED.exec(line);
    if (!m) return null;
    return { values: [m[1]!, m[2]!, m[3]!, m[4]!, m[6]!, m[7]!, statusLevel(m[6]!), m[8]!, m[9]!], content: m[5]! };
  },
  timestamp: (v) => clfToMillis(v[3]!),
  plausibility: (v) => (clfToMillis(v[3]!) !== undefined ? 1 : 0.3),
};

const ERROR = /^\[([^\]]+)\] \[(?:([\w-]+):)?(\w+)\](?: \[pid (\d+)(?::tid (\d+))?\])?(?: \[client ([^\]]+)\])? ?(.*)$/s;

/**
 * Apache error log. Fields Time, Module, Level, Pid, Tid, Client (empty when absent).
 *
 * @example
 * apacheError.parse("[Sun Dec 04 04:47:44 2005] [error] mod_jk child workerEnv in error state 6")?.values[2]; // "error"
 */
export const apacheError: HeaderFormat = {
  name: "apache-error",
  description: "Apache error log: [time] [module:level] [pid N:tid M] [client ADDR] message",
  fields: ["Time", "Module", "Level", "Pid", "Tid", "Client"],
  levelField: "Level",
  componentField: "Module",
  // Below the LogHub Apache preset (same lines), which also brings masks and Drain settings.
  specificity: 5,
  parse(line) {
    const m = ERROR.exec(line);
    if (!m) return null;
    return { values: [m[1]!, m[2] ?? "", m[3]!, m[4] ?? "", m[5] ?? "", m[6] ?? ""], content: m[7]! };
  },
  timestamp: (v) => ctimeToMillis(v[0]!),
  plausibility: (v) => (ctimeToMillis(v[0]!) !== undefined ? 1 : 0.3) * (/^(emerg|alert|crit|error|warn|notice|info|debug|trace\d)$/.test(v[2]!) ? 1 : 0.5),
};
