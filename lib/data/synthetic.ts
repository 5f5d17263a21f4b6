import { writeFilesAtomic } from "../io/atomic-write.js";
import { BufferedTextWriter } from "../io/buffered-text-writer.js";
import { csvLine } from "../io/csv.js";
import type { LogClass } from "../label/log-classes.js";
import type { Rng } from "../runtime/rng.js";

/** Line formats the generator writes. */
export type SyntheticFormat = "syslog" | "apache" | "custom";

/** The line formats, for CLIs and validation. */
export const SYNTHETIC_FORMATS: readonly SyntheticFormat[] = ["syslog", "apache", "custom"];

/** The five injected anomaly types. */
export const SYNTHETIC_ANOMALY_TYPES = ["brute_force", "privilege_escalation", "suspicious_network", "system_error", "malware"] as const;

/** One injected anomaly type. */
export type SyntheticAnomalyType = (typeof SYNTHETIC_ANOMALY_TYPES)[number];

/** The 7-class label each anomaly type stands for (what the rule-based labeler should say). */
export const SYNTHETIC_TYPE_CLASS: Readonly<Record<SyntheticAnomalyType, LogClass>> = {
  brute_force: "security",
  privilege_escalation: "security",
  suspicious_network: "network",
  system_error: "system_failure",
  malware: "security",
};

/** Options of {@link generateSyntheticLogs}. */
export interface SyntheticOptions {
  format: SyntheticFormat;
  /** Lines to write. */
  lines: number;
  /** Share of anomalous lines in [0, 1]; exactly round(ratio × lines) lines are anomalous. */
  anomalyRatio: number;
  /** Anomaly types to draw from, uniformly (default all five). */
  anomalyTypes?: readonly SyntheticAnomalyType[];
  /** Epoch ms of the first line (default 2024-01-01T00:00:00Z). */
  startTime?: number;
  /** Mean gap between lines in ms, exponentially distributed (default 2000). */
  meanGapMs?: number;
}

/** One generated line with its ground truth. */
export interface SyntheticLine {
  /** 1-based line number in the generated file. */
  lineNo: number;
  /** The log line as written. */
  text: string;
  /** Epoch ms. */
  timestamp: number;
  /** 1 = injected anomaly. */
  label: 0 | 1;
  anomalyType: SyntheticAnomalyType | null;
  /** The 7-class label the line stands for (`normal` for normal lines). */
  expectedClass: LogClass;
  /** Which message template produced the line (e.g. `normal.cron`, `brute_force.failed-password`). */
  template: string;
}

interface Message {
  template: string;
  level: "INFO" | "NOTICE" | "WARN" | "ERROR" | "CRIT";
  component: string;
  text: string;
}

const USERS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"];
const BAD_USERS = ["admin", "test", "oracle", "guest", "ubuntu", "pi", "postgres", "support"];
const SERVICES = ["nginx", "postgresql", "redis", "backup-agent", "metrics-exporter", "mailer"];
const PATHS = ["/index.html", "/api/v1/orders", "/api/v1/users", "/static/app.js", "/health", "/login"];
const DOMAINS = ["cdn.example.net", "updates.example.org", "api.partner.example.com", "mirror.example.edu"];
const BAD_DOMAINS = ["x7f3k2q9.example.top", "dl-update.example.xyz", "a1b2c3d4e5.example.biz"];
const TROJANS = ["Win.Trojan.Agent-1234", "Unix.Trojan.Mirai-7100", "Multios.Backdoor.Tsunami", "Unix.Coinminer.Xmrig-9"];

function ip(rng: Rng, internal: boolean): string {
  return internal ? `10.0.${rng.int(8)}.${2 + rng.int(250)}` : `${45 + rng.int(150)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}
function hex(rng: Rng, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += "0123456789abcdef"[rng.int(16)];
  return s;
}

function normalMessage(rng: Rng): Message {
  const k = rng.int(10);
  const user = rng.pick(USERS);
  switch (k) {
    case 0:
      return { template: "normal.session-opened", level: "INFO", component: "sshd", text: `Accepted publickey for ${user} from ${ip(rng, true)} port ${1024 + rng.int(60000)} ssh2` };
    case 1:
      return { template: "normal.session-closed", level: "INFO", component: "sshd", text: `pam_unix(sshd:session): session closed for user ${user}` };
    case 2:
      return { template: "normal.cron", level: "INFO", component: "CRON", text: `(${user}) CMD (/usr/local/bin/rotate-logs --keep ${3 + rng.int(10)})` };
    case 3:
      return { template: "normal.request", level: "INFO", component: "nginx", text: `GET ${rng.pick(PATHS)} 200 served in ${2 + rng.int(120)} ms to ${ip(rng, true)}` };
    case 4:
      return { template: "normal.service-started", level: "INFO", component: "systemd", text: `Started ${rng.pick(SERVICES)}.service.` };
    case 5:
      return { template: "normal.backup", level: "INFO", component: "backup-agent", text: `Backup of /srv/data completed: ${1 + rng.int(900)} files, ${1 + rng.int(4000)} MB` };
    case 6:
      return { template: "normal.heartbeat", level: "INFO", component: "metrics-exporter", text: `heartbeat ok, ${10 + rng.int(90)} series pushed` };
    case 7:
      return { template: "normal.dns", level: "INFO", component: "resolved", text: `Resolved ${rng.pick(DOMAINS)} to ${ip(rng, false)}` };
    case 8:
      return { template: "normal.config-reload", level: "NOTICE", component: rng.pick(SERVICES), text: `configuration reloaded, ${1 + rng.int(40)} workers` };
    default:
      return { template: "normal.disk-check", level: "INFO", component: "smartd", text: `Device /dev/sd${"abc"[rng.int(3)]}: health check passed, ${25 + rng.int(15)} C` };
  }
}

function anomalyMessage(rng: Rng, type: SyntheticAnomalyType): Message {
  const user = rng.pick(USERS);
  const k = rng.int(3);
  switch (type) {
    case "brute_force":
      if (k === 0) return { template: "brute_force.failed-password", level: "WARN", component: "sshd", text: `Failed password for ${rng.pick(USERS)} from ${ip(rng, false)} port ${1024 + rng.int(60000)} ssh2` };
      if (k === 1) return { template: "brute_force.invalid-user", level: "WARN", component: "sshd", text: `Invalid user ${rng.pick(BAD_USERS)} from ${ip(rng, false)} port ${1024 + rng.int(60000)}` };
      return { template: "brute_force.too-many", level: "ERROR", component: "sshd", text: `Disconnecting: Too many authentication failures for ${rng.pick(BAD_USERS)} from ${ip(rng, false)}` };
    case "privilege_escalation":
      if (k === 0) return { template: "privilege_escalation.sudoers", level: "WARN", component: "sudo", text: `${user} : user NOT in sudoers ; TTY=pts/${rng.int(9)} ; PWD=/home/${user} ; USER=root ; COMMAND=/bin/bash` };
      if (k === 1) return { template: "privilege_escalation.setuid", level: "CRIT", component: "auditd", text: `setuid binary /tmp/.${hex(rng, 6)}/sh executed by ${user}: uid ${1000 + rng.int(50)} became root` };
      return { template: "privilege_escalation.attempt", level: "CRIT", component: "kernel", text: `privilege escalation attempt by pid ${1000 + rng.int(30000)} (${user}): write to /etc/shadow denied` };
    case "suspicious_network":
      if (k === 0) return { template: "suspicious_network.refused", level: "WARN", component: "kernel", text: `Outbound connection refused to ${ip(rng, false)}:${rng.pick([4444, 6667, 1337, 31337])} after ${3 + rng.int(20)} retries` };
      if (k === 1) return { template: "suspicious_network.unreachable", level: "ERROR", component: "NetworkManager", text: `Network is unreachable: no route to host ${ip(rng, false)} on eth${rng.int(2)}` };
      return { template: "suspicious_network.resolve", level: "WARN", component: "resolved", text: `could not resolve ${rng.pick(BAD_DOMAINS)}: connection timed out to ${ip(rng, false)}:53` };
    case "system_error":
      if (k === 0) return { template: "system_error.segfault", level: "ERROR", component: "kernel", text: `${rng.pick(SERVICES)}[${1000 + rng.int(30000)}]: segfault at ${hex(rng, 12)} ip ${hex(rng, 12)} error 4 in libc.so.6` };
      if (k === 1) return { template: "system_error.crash", level: "CRIT", component: "systemd", text: `${rng.pick(SERVICES)}.service: Main process crashed, core dumped; restarting (attempt ${1 + rng.int(5)})` };
      return { template: "system_error.exception", level: "ERROR", component: rng.pick(SERVICES), text: `Unhandled exception in worker ${rng.int(16)}: java.lang.NullPointerException at OrderService.java:${10 + rng.int(400)}` };
    case "malware":
      if (k === 0) return { template: "malware.signature", level: "CRIT", component: "clamd", text: `/home/${user}/Downloads/${hex(rng, 8)}.bin: ${rng.pick(TROJANS)} FOUND, file quarantined` };
      if (k === 1) return { template: "malware.beacon", level: "CRIT", component: "ids", text: `Beacon to known C2 server ${ip(rng, false)}:443 from pid ${1000 + rng.int(30000)} (/tmp/.${hex(rng, 6)})` };
      return { template: "malware.cryptominer", level: "CRIT", component: "ids", text: `cryptominer process xmrig detected, cpu ${70 + rng.int(30)}%, user ${user}` };
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const pad = (n: number, w = 2): string => String(n).padStart(w, "0");
const APACHE_LEVEL: Record<Message["level"], string> = { INFO: "info", NOTICE: "notice", WARN: "warn", ERROR: "error", CRIT: "crit" };

function render(format: SyntheticFormat, ts: number, host: string, pid: number, m: Message): string {
  const d = new Date(ts);
  const hms = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  switch (format) {
    case "syslog":
      // RFC 3164 (BSD syslog), as /var/log/auth.log and LogHub's Linux sample write it.
      return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, " ")} ${hms} ${host} ${m.component}[${pid}]: ${m.text}`;
    case "apache":
      // Apache error-log format, as LogHub's Apache sample.
      return `[${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${pad(d.getUTCDate())} ${hms} ${d.getUTCFullYear()}] [${APACHE_LEVEL[m.level]}] [${m.component}] ${m.text}`;
    case "custom":
      return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${hms},${pad(d.getUTCMilliseconds(), 3)} ${m.level} [${host}/${m.component}] ${m.text}`;
  }
}

/**
 * Generates labeled log lines: normal traffic (logins, cron, requests, backups, …) with exactly
 * round(`anomalyRatio` × `lines`) injected anomalies of the chosen types (brute force, privilege
 * escalation, suspicious network activity, system errors, malware indicators) at random
 * positions. Every line carries its label, anomaly type, the 7-class label it stands for and the
 * message template. All randomness comes from `rng`: the same seed gives the same file.
 *
 * @example
 * const lines = generateSyntheticLogs(new Rng(42), { format: "syslog", lines: 1000, anomalyRatio: 0.05 });
 * lines.filter((l) => l.label === 1).length; // 50
 */
export function generateSyntheticLogs(rng: Rng, options: SyntheticOptions): SyntheticLine[] {
  return [...syntheticLines(rng, options)];
}

/**
 * The lines of {@link generateSyntheticLogs} one at a time (the same lines for the same seed), for
 * files too large to hold: `loglab synth --lines 10000000` streams them to disk.
 */
export function syntheticLines(rng: Rng, options: SyntheticOptions): Generator<SyntheticLine> {
  const { format, lines } = options;
  if (!SYNTHETIC_FORMATS.includes(format)) throw new Error(`unknown synthetic format "${format}" (one of ${SYNTHETIC_FORMATS.join(", ")})`);
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`lines must be a positive integer, got ${lines}`);
  if (!(options.anomalyRatio >= 0 && options.anomalyRatio <= 1)) throw new Error(`anomalyRatio must be in [0, 1], got ${options.anomalyRatio}`);
  const types = options.anomalyTypes ?? SYNTHETIC_ANOMALY_TYPES;
  if (types.length === 0) throw new Error("anomalyTypes is empty");
  for (const t of types) if (!(SYNTHETIC_ANOMALY_TYPES as readonly string[]).includes(t)) throw new Error(`unknown anomaly type "${t}" (one of ${SYNTHETIC_ANOMALY_TYPES.join(", ")})`);
  const meanGap = options.meanGapMs ?? 2000;
  if (!(meanGap > 0)) throw new Error(`meanGapMs must be positive, got ${meanGap}`);
  return generate(rng, options, types, meanGap);
}

function* generate(rng: Rng, options: SyntheticOptions, types: readonly SyntheticAnomalyType[], meanGap: number): Generator<SyntheticLine> {
  const { format, lines } = options;
  const nAnomalies = Math.round(options.anomalyRatio * lines);
  // Separate streams: positions, message content and timing never shift one another.
  const where = rng.fork("positions");
  const what = rng.fork("messages");
  const when = rng.fork("timing");
  const anomalous = new Set(where.sampleIndices(lines, nAnomalies));
  const hosts = ["web-01", "web-02", "db-01", "bastion"];
  let ts = options.startTime ?? Date.UTC(2024, 0, 1);
  for (let i = 0; i < lines; i++) {
    if (i > 0) ts += Math.max(1, Math.round(-Math.log(1 - when.next()) * meanGap));
    // Lines carry four-digit years: 0000-01-01 … 9999-12-31 (Date itself ends at year 275760, then NaN).
    if (!(ts >= -62167219200000 && ts <= 253402300799999)) {
      throw new Error(`synthetic timestamps would leave the calendar: line ${i + 1} would be at ${ts} ms (start ${options.startTime ?? Date.UTC(2024, 0, 1)} plus gaps of mean ${meanGap} ms, beyond year 9999); lower --mean-gap-ms or --lines`);
    }
    const type = anomalous.has(i) ? what.pick(types) : null;
    const m = type ? anomalyMessage(what, type) : normalMessage(what);
    const host = what.pick(hosts);
    const pid = 100 + what.int(60000);
    yield {
      lineNo: i + 1,
      text: render(format, ts, host, pid, m),
      timestamp: ts,
      label: type ? 1 : 0,
      anomalyType: type,
      expectedClass: type ? SYNTHETIC_TYPE_CLASS[type] : "normal",
      template: m.template,
    };
  }
}

/** The labels of generated lines as CSV: `LineId,Label,AnomalyType,ExpectedClass,Template,Timestamp`. */
export function syntheticLabelsCsv(lines: readonly SyntheticLine[]): string {
  const rows = [LABELS_HEADER];
  for (const l of lines) rows.push(syntheticLabelRow(l));
  return rows.join("\n") + "\n";
}

const LABELS_HEADER = csvLine(["LineId", "Label", "AnomalyType", "ExpectedClass", "Template", "Timestamp"]);

function syntheticLabelRow(l: SyntheticLine): string {
  return csvLine([l.lineNo, l.label, l.anomalyType ?? "", l.expectedClass, l.template, new Date(l.timestamp).toISOString()]);
}

/**
 * Streams lines to `path` and their labels to `<path>.labels.csv` (the same bytes as
 * {@link writeSyntheticLogs}) with bounded memory; both files appear (renamed into place) only
 * when complete. `onLine` sees each line as it is written.
 */
export function writeSyntheticLogStream(path: string, lines: Iterable<SyntheticLine>, onLine?: (line: SyntheticLine) => void): { log: string; labels: string } {
  const labels = `${path}.labels.csv`;
  const log = new BufferedTextWriter(path);
  const lab = new BufferedTextWriter(labels);
  try {
    lab.write(LABELS_HEADER + "\n");
    for (const l of lines) {
      log.write(l.text + "\n");
      lab.write(syntheticLabelRow(l) + "\n");
      onLine?.(l);
    }
  } catch (err) {
    log.abort();
    lab.abort();
    throw err;
  }
  log.close();
  lab.close();
  return { log: path, labels };
}

/**
 * Writes generated lines to `path` (one per line, LF) and their labels to `<path>.labels.csv`,
 * both atomically. Returns both paths.
 */
export function writeSyntheticLogs(path: string, lines: readonly SyntheticLine[]): { log: string; labels: string } {
  const labels = `${path}.labels.csv`;
  writeFilesAtomic([
    { path, data: lines.map((l) => l.text).join("\n") + "\n" },
    { path: labels, data: syntheticLabelsCsv(lines) },
  ]);
  return { log: path, labels };
}
