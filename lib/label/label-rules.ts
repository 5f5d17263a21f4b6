import type { IssueClass } from "./log-classes.js";

/**
 * One labeling rule: keywords and/or regular expressions that, when found in a line (or a
 * template), say the line is about `class`. Rules are data: a notebook or a user can print,
 * extend or override them without touching code.
 */
export interface LabelRule {
  /** Unique id, `<class>.<topic>` by convention (e.g. `security.auth-failure`). */
  id: string;
  /** The class this rule votes for. */
  class: IssueClass;
  /** Words or phrases matched case-insensitively on word boundaries (`fail` does not match `failed`: list variants). */
  keywords?: readonly string[];
  /** Regular-expression sources matched case-insensitively (for anything keywords cannot say). */
  patterns?: readonly string[];
  /** Keywords/patterns (regex sources, case-insensitive) that veto this rule when present. */
  unless?: readonly string[];
  /** Which text the rule reads: the message `content` (default) or the `component` field. */
  field?: "content" | "component";
  /** Only for these systems (names as in LOGHUB_SYSTEMS; default: every system). */
  systems?: readonly string[];
  /**
   * A fallback rule fires only when no ordinary rule fires, and never counts as a conflict: the
   * generic "error"/"failed" words are a catch-all, not a second opinion.
   */
  fallback?: boolean;
  /** Why the rule exists (shown in reports). */
  note?: string;
}

/** Per-system changes to the common rule table. */
export interface SystemRuleOverride {
  /** Extra rules for this system; they come before the common rules (matters for first-match). */
  add?: readonly LabelRule[];
  /** Ids of common rules switched off for this system. */
  disable?: readonly string[];
}

/**
 * A complete rule table: the class priority used to resolve conflicts, the common rules, and the
 * per-system overrides.
 */
export interface LabelRuleSet {
  format: "loglab.label-rules";
  version: 1;
  /** Conflict resolution order under `priority` resolution, highest first. */
  priority: readonly IssueClass[];
  rules: readonly LabelRule[];
  systems: Readonly<Record<string, SystemRuleOverride>>;
}

/**
 * loglab's default rule table for the 7-class labeler.
 *
 * Priority (highest first) is `security > hardware > network > performance > config >
 * system_failure`: specific causes before the generic failure words ("Failed password" is a
 * security event, "Connection timed out" a network one), so `system_failure` is the catch-all
 * for lines that report an error without saying what kind.
 *
 * The rules were written from the LogHub 2k templates of all 16 systems; notebook 02 reports,
 * per system, how many lines and templates they cover and where classes conflict, and checks them
 * against BGL's alert labels and the synthetic generator's labels.
 */
export const DEFAULT_LABEL_RULES: LabelRuleSet = {
  format: "loglab.label-rules",
  version: 1,
  priority: ["security", "hardware", "network", "performance", "config", "system_failure"],
  rules: [
    // ── security ────────────────────────────────────────────────────────────────────────
    {
      id: "security.auth-failure",
      class: "security",
      keywords: [
        "authentication failure",
        "authentication failures",
        "authentication failed",
        "auth fail",
        "authfail",
        "failed password",
        "failed none",
        "failed publickey",
        "couldn't authenticate",
        "could not authenticate",
        "login failed",
        "failed login",
        "login incorrect",
        "invalid password",
        "wrong password",
        "bad password",
      ],
      note: "failed logins (sshd, PAM, Kerberos, ftpd)",
    },
    {
      id: "security.unknown-user",
      class: "security",
      keywords: ["invalid user", "illegal user", "user unknown", "unknown user"],
      note: "logins for accounts that do not exist: the signature of password guessing",
    },
    {
      id: "security.intrusion",
      class: "security",
      keywords: ["break-in", "break in attempt", "intrusion", "brute force", "brute-force", "port scan", "portscan", "too many authentication failures", "max retries", "possible attack"],
    },
    {
      id: "security.access-denied",
      class: "security",
      keywords: ["permission denied", "access denied", "unauthorized", "unauthorised", "not authorized", "forbidden", "operation not permitted", "deny", "denied"],
      unless: ["accepted", "succeeded"],
    },
    {
      id: "security.privilege",
      class: "security",
      keywords: ["privilege escalation", "sudo", "root login", "became root", "setuid", "anonymous ftp login"],
      patterns: ["\\bsu(\\[\\d+\\])?:", "\\bnot in sudoers\\b"],
      unless: ["session opened", "session closed"],
    },
    {
      id: "security.malware",
      class: "security",
      keywords: ["malware", "virus", "trojan", "ransomware", "rootkit", "backdoor", "botnet", "cryptominer", "c2 server", "command and control", "suspicious", "quarantine", "quarantined"],
    },
    {
      id: "security.certificate",
      class: "security",
      keywords: ["certificate verify failed", "certificate expired", "untrusted certificate", "sslhandshake failed", "ssl handshake failed", "tls handshake failed", "sandbox token"],
    },
    // ── hardware ────────────────────────────────────────────────────────────────────────
    {
      id: "hardware.memory",
      class: "hardware",
      keywords: ["parity error", "ecc", "ddr error", "ddr errors", "ddr error(s)", "ddr errors(s)", "edram error", "memory error", "uncorrectable", "dimm", "ce sym"],
      patterns: ["\\berror\\(s\\) \\(dcr", "cache (search )?parity"],
    },
    {
      id: "hardware.machine-check",
      class: "hardware",
      keywords: ["machine check dcr", "machine check exception", "mce", "hardware error", "hardware failure", "hardware fault", "cpu fault", "fru"],
    },
    {
      id: "hardware.disk",
      class: "hardware",
      keywords: ["i/o error", "input/output error", "bad sector", "bad sectors", "disk failure", "disk error", "drive failure", "raid degraded", "smart error", "scsi error", "medium error", "block device required"],
    },
    {
      id: "hardware.thermal-power",
      class: "hardware",
      keywords: ["overheat", "overheating", "thermal", "psu failure", "power supply", "power/control problem", "voltage", "fan failure", "fan fail"],
      patterns: ["temperature.*(exceed|critical|too high|warning)", "fan speeds.*\\*{4}"],
    },
    {
      id: "hardware.node-card",
      class: "hardware",
      keywords: ["node card is not fully functional", "nodecard is not fully functional", "vpd check", "ido chip", "chip status changed", "link training failed"],
      patterns: ["(torus|tree) (receiver|sender).*(error|re-synch)", "critical input interrupt \\(unit"],
    },
    // ── network ─────────────────────────────────────────────────────────────────────────
    {
      id: "network.connection",
      class: "network",
      keywords: [
        "connection refused",
        "connection reset",
        "connection reset by peer",
        "connection timed out",
        "connection closed unexpectedly",
        "closed the connection unexpectedly",
        "connection lost",
        "connection broken",
        "connection abort",
        "software caused connection abort",
        "could not connect",
        "cannot connect",
        "unable to connect",
        "failed to connect",
        "connect() failed",
        "connection attempt failed",
        "cannot establish a connection",
        "cannot open channel",
        "link has been severed",
        "transport endpoint is not connected",
        "broken pipe",
        "end of stream",
        "did not receive identification string",
        "retrying connect",
        "connection invalid",
        "error in contacting",
      ],
    },
    {
      id: "network.unreachable",
      class: "network",
      keywords: ["no route to host", "network is unreachable", "host unreachable", "network is down", "failed network connection", "noroutetohostexception", "connectexception", "sockettimeoutexception", "unknownhostexception"],
    },
    {
      id: "network.name-resolution",
      class: "network",
      keywords: ["could not resolve", "failed to resolve", "unable to resolve", "name resolution", "dnsconfig", "unknown host", "no free leases", "unknown lease", "unable to qualify my own domain name"],
      patterns: ["host name \\S+ unknown"],
    },
    {
      id: "network.link",
      class: "network",
      keywords: ["link error", "link errors", "link in reset", "linkerror", "link down", "link is down", "nic link is down", "packet loss", "error receiving packet", "retransmission", "socket error", "address already in use", "wake on tcp timeout"],
      patterns: ["\\bsocket\\b.*\\b(error|failed|exception)"],
    },
    // ── performance ─────────────────────────────────────────────────────────────────────
    {
      id: "performance.slow",
      class: "performance",
      keywords: ["slow", "too slow", "latency", "lagging", "degraded performance", "high load", "overload", "overloaded", "throttled", "throttling", "congestion", "backlog"],
      patterns: ["took \\d+(\\.\\d+)?\\s?ms \\(threshold"],
    },
    {
      id: "performance.timeout",
      class: "performance",
      keywords: ["timed out", "time out", "timeout", "timeouts", "timeout of", "deadline exceeded", "watchdog"],
      unless: ["negotiated timeout", "notification time out"],
      note: "ZooKeeper's \"Notification time out\" is the normal back-off of leader election",
    },
    {
      id: "performance.resource",
      class: "performance",
      keywords: ["out of memory", "outofmemoryerror", "low memory", "memory pressure", "gc overhead", "no space left", "disk full", "is full", "quota exceeded", "resource exhausted", "too many open files", "queue full", "exceeds", "exceeded", "high cpu", "cpu usage", "swap"],
      patterns: ["\\b(exceed|exceeds|exceeded)\\b.*\\b(limit|threshold|capacity|maximum)\\b"],
      unless: ["swap file too young", "removing base or swap file"],
    },
    // ── config ──────────────────────────────────────────────────────────────────────────
    {
      id: "config.invalid",
      class: "config",
      keywords: [
        "misconfigured",
        "misconfiguration",
        "configuration error",
        "invalid configuration",
        "invalid config",
        "invalid parameter",
        "invalid argument",
        "invalid option",
        "invalid value",
        "invalid or missing",
        "missing or invalid",
        "unrecognized",
        "unknown option",
        "unknown parameter",
        "unknown property",
        "malformed",
        "syntax error",
        "parse error",
        "mismatch",
        "do not match",
        "incompatible",
        "illegal instruction",
        "illegal attempt",
      ],
      patterns: ["CBS_E_\\w*INVALID\\w*"],
    },
    {
      id: "config.missing",
      class: "config",
      keywords: ["no such file or directory", "file not found", "not specified", "is not defined", "not configured", "no such table", "cannot find", "could not find", "missing", "bad file descriptor", "exec format error"],
      patterns: ["set in config null", "\\bnot found\\b(?!, computing)"],
    },
    {
      id: "config.deprecated",
      class: "config",
      keywords: ["deprecated", "too old", "unsupported", "not supported", "version mismatch", "obsolete"],
    },
    // ── system failure (the generic catch-all; lowest priority) ─────────────────────────
    {
      id: "system_failure.crash",
      class: "system_failure",
      keywords: ["panic", "kernel panic", "crash", "crashed", "core dump", "core dumped", "core files", "generating core", "segfault", "segmentation fault", "fatal", "assert", "assertion failed", "halt asserted", "abort", "aborted", "killed", "killing", "terminated for reason", "exited abnormally", "stopping execution", "not responding", "not-responding", "unavailable state", "died", "traceback"],
    },
    {
      id: "system_failure.error",
      class: "system_failure",
      keywords: ["error", "errors", "err", "failed", "failure", "failures", "fail", "fails", "exception", "exceptions", "cannot", "can't", "unable", "could not", "unexpected", "unexpectedly", "bad", "invalid", "problem"],
      patterns: ["\\w+exception\\b", "\\bE_FAIL\\b"],
      unless: ["succeeded", "error=0\\b", "\\bno error"],
      fallback: true,
      note: "generic failure words: a fallback, so they never conflict with a specific class",
    },
    {
      id: "system_failure.interrupt",
      class: "system_failure",
      keywords: ["data tlb error interrupt", "data storage interrupt", "program interrupt", "lustre mount failed", "nfs mount failed", "rts internal error", "failed subcommands"],
      note: "BGL kernel exceptions and failed mounts (BGL's alert categories KERNDTLB, KERNSTOR, KERNMNTF)",
    },
  ],
  systems: {
    BGL: {
      add: [
        {
          id: "bgl.ciod-stream",
          class: "network",
          keywords: ["ciostream socket", "control stream"],
          note: "ciod errors on the I/O node's CioStream sockets are network failures (BGL alerts APPSEV, APPRES, APPTO, APPREAD)",
        },
      ],
    },
    HPC: {
      add: [
        { id: "hpc.state-unavailable", class: "system_failure", keywords: ["unavailable", "configured out", "blocked"], note: "HPC node state changes to unavailable/blocked" },
      ],
    },
    Proxifier: {
      add: [{ id: "proxifier.connect-error", class: "network", patterns: ["error : "], note: "every Proxifier error line is a proxy connection failure" }],
    },
  },
};

/** One row of the rule table. */
export type LabelRuleRow = {
  id: string;
  /** The rule's class ("" for a disabled rule). */
  class: string;
  scope: string;
  keywords: number;
  patterns: number;
  unless: number;
  fallback: boolean;
  example: string;
  note: string;
};

/**
 * The rule table as display rows: one per rule (common rules, then each system's own), with its
 * class, scope, how many keywords and patterns it has, and its note.
 */
export function labelRuleRows(set: LabelRuleSet): LabelRuleRow[] {
  const row = (r: LabelRule, scope: string): LabelRuleRow => ({
    id: r.id,
    class: r.class,
    scope,
    keywords: r.keywords?.length ?? 0,
    patterns: r.patterns?.length ?? 0,
    unless: r.unless?.length ?? 0,
    fallback: r.fallback === true,
    example: (r.keywords ?? r.patterns ?? []).slice(0, 4).join(" | "),
    note: r.note ?? "",
  });
  const rows = set.rules.map((r) => row(r, r.systems ? r.systems.join(", ") : "all systems"));
  for (const [system, o] of Object.entries(set.systems)) {
    for (const r of o.add ?? []) rows.push(row(r, `${system} only`));
    for (const d of o.disable ?? []) rows.push({ id: d, class: "", scope: `disabled for ${system}`, keywords: 0, patterns: 0, unless: 0, fallback: false, example: "", note: "" });
  }
  return rows;
}
