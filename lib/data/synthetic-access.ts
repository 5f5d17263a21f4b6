import { writeFilesAtomic } from "../io/atomic-write.js";
import { csvLine } from "../io/csv.js";
import type { Rng } from "../runtime/rng.js";

/** Access-log formats the generator writes: Apache Common and Combined Log Format. */
export type AccessLogFormat = "access-common" | "access-combined";

/** The access-log formats, for CLIs and validation. */
export const ACCESS_LOG_FORMATS: readonly AccessLogFormat[] = ["access-common", "access-combined"];

/** The injected web attack types. */
export const WEB_ATTACK_TYPES = ["sql_injection", "path_traversal", "scanning", "credential_brute_force", "request_burst"] as const;

/** One web attack type. */
export type WebAttackType = (typeof WEB_ATTACK_TYPES)[number];

/** Options of {@link generateAccessLog}. */
export interface AccessLogOptions {
  format: AccessLogFormat;
  /** Lines (requests) to write. */
  lines: number;
  /** Share of attack requests in [0, 1]; exactly round(ratio × lines) lines are attacks. */
  anomalyRatio: number;
  /** Attack types to draw episodes from, uniformly (default all five). */
  attackTypes?: readonly WebAttackType[];
  /** Epoch ms of the first request (default 2024-01-01T00:00:00Z). */
  startTime?: number;
  /** Mean gap between normal requests in ms, exponentially distributed (default 2000). */
  meanGapMs?: number;
}

/** One generated request line with its ground truth. */
export interface AccessLogLine {
  /** 1-based line number in the generated file. */
  lineNo: number;
  text: string;
  timestamp: number;
  /** 1 = part of an attack. */
  label: 0 | 1;
  attackType: WebAttackType | null;
  /** The client address that sent it. */
  client: string;
}

interface Request {
  method: string;
  target: string;
  status: number;
  bytes: number;
  referer: string;
  agent: string;
}

const BROWSERS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
  "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
  "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36",
];
const CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
const SCRIPT_AGENTS = ["python-requests/2.31.0", "curl/8.4.0", "Go-http-client/1.1"];
const WORDS = ["shoes", "laptop", "coffee", "garden", "books", "phone", "lamp", "chair", "bike", "camera"];
const STATIC = ["/static/css/app.css", "/static/js/app.js", "/images/logo.png", "/favicon.ico", "/static/js/vendor.js"];
const SITE = "https://shop.example.com";

/** Normal browsing: pages, product views, searches, API calls, static assets, logins. */
function normalRequest(rng: Rng, agent: string): Request {
  const k = rng.int(12);
  const ref = rng.bernoulli(0.6) ? `${SITE}/` : "-";
  switch (k) {
    case 0:
      return { method: "GET", target: "/", status: 200, bytes: 5200 + rng.int(800), referer: "-", agent };
    case 1:
    case 2:
      return { method: "GET", target: `/products/${1 + rng.int(500)}`, status: rng.bernoulli(0.03) ? 404 : 200, bytes: 3000 + rng.int(4000), referer: ref, agent };
    case 3:
      return { method: "GET", target: `/search?q=${rng.pick(WORDS)}${rng.bernoulli(0.3) ? `+${rng.pick(WORDS)}` : ""}&page=${1 + rng.int(5)}`, status: 200, bytes: 4000 + rng.int(6000), referer: ref, agent };
    case 4:
      return { method: "GET", target: `/api/v1/orders?page=${1 + rng.int(20)}&limit=${rng.pick([10, 20, 50])}`, status: 200, bytes: 800 + rng.int(3000), referer: ref, agent };
    case 5:
      return { method: "POST", target: "/api/v1/cart", status: rng.bernoulli(0.95) ? 201 : 400, bytes: 120 + rng.int(200), referer: `${SITE}/products/${1 + rng.int(500)}`, agent };
    case 6:
    case 7:
    case 8:
      return { method: "GET", target: rng.pick(STATIC), status: rng.bernoulli(0.2) ? 304 : 200, bytes: rng.int(90000), referer: ref, agent };
    case 9:
      return { method: "GET", target: "/login", status: 200, bytes: 2100 + rng.int(100), referer: ref, agent };
    case 10:
      // A real user's login: usually right, sometimes a typo (401).
      return { method: "POST", target: "/login", status: rng.bernoulli(0.9) ? 302 : 401, bytes: rng.int(400), referer: `${SITE}/login`, agent };
    default:
      return { method: "GET", target: `/category/${rng.pick(WORDS)}?sort=${rng.pick(["price", "rating", "new"])}`, status: 200, bytes: 3500 + rng.int(3000), referer: ref, agent };
  }
}

const SQLI = [
  "' OR '1'='1",
  "1' OR 1=1--",
  "' UNION SELECT username,password FROM users--",
  "1; DROP TABLE orders--",
  "1' AND SLEEP(5)--",
  "' OR 'a'='a' /*",
  "1 UNION ALL SELECT NULL,NULL,table_name FROM information_schema.tables--",
];
const TRAVERSAL = ["../../../../etc/passwd", "..%2F..%2F..%2F..%2Fetc%2Fshadow", "....//....//....//etc/hosts", "..\\..\\..\\windows\\win.ini", "%2e%2e/%2e%2e/%2e%2e/proc/self/environ"];
const SCAN_PATHS = ["/wp-admin/", "/wp-login.php", "/.env", "/.git/config", "/phpmyadmin/index.php", "/admin.php", "/backup.zip", "/config.php.bak", "/server-status", "/cgi-bin/test.cgi", "/actuator/health", "/.aws/credentials", "/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php", "/xmlrpc.php", "/db.sql", "/.DS_Store"];
const SCANNER_AGENTS = ["Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)", "sqlmap/1.7.11#stable (https://sqlmap.org)", "Mozilla/5.0 zgrab/0.x", "masscan/1.3"];

function encodeSqli(rng: Rng, payload: string): string {
  // Half the payloads are percent-encoded, as a browser or tool would send them.
  return rng.bernoulli(0.5) ? encodeURIComponent(payload) : payload.replace(/ /g, "+");
}

/** Requests of one attack episode: the type decides the count and the gaps between them. */
function attackEpisode(rng: Rng, type: WebAttackType, size: number): { requests: Request[]; gapMs: () => number } {
  const requests: Request[] = [];
  const agent = rng.bernoulli(0.5) ? rng.pick(BROWSERS) : rng.pick([...SCRIPT_AGENTS, ...SCANNER_AGENTS]);
  for (let i = 0; i < size; i++) {
    switch (type) {
      case "sql_injection": {
        const p = encodeSqli(rng, rng.pick(SQLI));
        const target = rng.pick([`/products?id=${p}`, `/search?q=${p}&page=1`, `/api/v1/orders?page=${p}`, `/category/shoes?sort=${p}`]);
        requests.push({ method: "GET", target, status: rng.pick([200, 500, 500, 403]), bytes: rng.int(6000), referer: "-", agent });
        break;
      }
      case "path_traversal": {
        const t = rng.pick(TRAVERSAL);
        const target = rng.pick([`/static/${t}`, `/download?file=${t}`, `/images/${t}`, `/api/v1/export?path=${t}`]);
        requests.push({ method: "GET", target, status: rng.pick([400, 403, 404, 200]), bytes: rng.int(2000), referer: "-", agent });
        break;
      }
      case "scanning":
        requests.push({ method: rng.bernoulli(0.85) ? "GET" : "HEAD", target: rng.pick(SCAN_PATHS), status: rng.bernoulli(0.9) ? 404 : 403, bytes: 150 + rng.int(300), referer: "-", agent });
        break;
      case "credential_brute_force":
        requests.push({ method: "POST", target: "/login", status: 401, bytes: rng.int(400), referer: rng.bernoulli(0.5) ? `${SITE}/login` : "-", agent });
        break;
      case "request_burst":
        // Ordinary-looking requests: only the rate of this one client gives it away.
        requests.push(normalRequest(rng, agent));
        break;
    }
  }
  const gap: Record<WebAttackType, [number, number]> = {
    sql_injection: [1000, 6000],
    path_traversal: [800, 5000],
    scanning: [100, 1200],
    credential_brute_force: [300, 2500],
    request_burst: [20, 250],
  };
  const [lo, hi] = gap[type];
  return { requests, gapMs: () => lo + rng.int(hi - lo) };
}

const EPISODE_SIZE: Record<WebAttackType, [number, number]> = {
  sql_injection: [3, 10],
  path_traversal: [3, 10],
  scanning: [15, 40],
  credential_brute_force: [10, 30],
  request_burst: [40, 90],
};

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad = (n: number): string => String(n).padStart(2, "0");

/** `10/Oct/2000:13:55:36 +0000` (Common Log Format time, UTC). */
function clfTime(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

function renderAccess(format: AccessLogFormat, client: string, user: string, ts: number, r: Request): string {
  const common = `${client} - ${user} [${clfTime(ts)}] "${r.method} ${r.target} HTTP/1.1" ${r.status} ${r.bytes}`;
  return format === "access-common" ? common : `${common} "${r.referer}" "${r.agent}"`;
}

function clientIp(rng: Rng): string {
  return `${23 + rng.int(180)}.${rng.int(256)}.${rng.int(256)}.${1 + rng.int(254)}`;
}

/**
 * Generates a labelled web-server access log (Apache Common or Combined Log Format): normal
 * browsing by a population of clients (Zipf-like activity, each with its own browser or a
 * crawler), with attack episodes by their own clients (SQL injection, path traversal, scanning,
 * credential brute force on `/login`, request bursts of ordinary-looking requests) mixed in at
 * random times; exactly round(`anomalyRatio` × `lines`) lines belong to attacks. Lines are in
 * time order. All randomness comes from `rng`: the same seed gives the same file.
 *
 * @example
 * const lines = generateAccessLog(new Rng(42), { format: "access-combined", lines: 5000, anomalyRatio: 0.1 });
 */
export function generateAccessLog(rng: Rng, options: AccessLogOptions): AccessLogLine[] {
  const { format, lines } = options;
  if (!ACCESS_LOG_FORMATS.includes(format)) throw new Error(`unknown access-log format "${format}" (one of ${ACCESS_LOG_FORMATS.join(", ")})`);
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`lines must be a positive integer, got ${lines}`);
  if (!(options.anomalyRatio >= 0 && options.anomalyRatio <= 1)) throw new Error(`anomalyRatio must be in [0, 1], got ${options.anomalyRatio}`);
  const types = options.attackTypes ?? WEB_ATTACK_TYPES;
  if (types.length === 0) throw new Error("attackTypes is empty");
  for (const t of types) if (!(WEB_ATTACK_TYPES as readonly string[]).includes(t)) throw new Error(`unknown attack type "${t}" (one of ${WEB_ATTACK_TYPES.join(", ")})`);
  const meanGap = options.meanGapMs ?? 2000;
  if (!(meanGap > 0)) throw new Error(`meanGapMs must be positive, got ${meanGap}`);
  const start = options.startTime ?? Date.UTC(2024, 0, 1);
  const nAttack = Math.round(options.anomalyRatio * lines);
  const nNormal = lines - nAttack;
  const who = rng.fork("clients");
  const what = rng.fork("requests");
  const when = rng.fork("timing");
  const attacks = rng.fork("attacks");

  // Normal clients: activity ∝ 1/rank (Zipf); one in eight is a crawler.
  const nClients = Math.max(5, Math.min(300, Math.round(nNormal / 40)));
  const clients = Array.from({ length: nClients }, (_, i) => ({ ip: clientIp(who), agent: i % 8 === 7 ? CRAWLER : who.pick(BROWSERS), user: who.bernoulli(0.3) ? who.pick(["alice", "bob", "carol", "dave", "erin"]) : "-" }));
  const activity = clients.map((_, i) => 1 / (i + 1));
  type Event = { ts: number; client: string; user: string; req: Request; type: WebAttackType | null };
  const events: Event[] = [];
  let ts = start;
  for (let i = 0; i < nNormal; i++) {
    if (i > 0) ts += Math.max(1, Math.round(-Math.log(1 - when.next()) * meanGap));
    const c = clients[who.weightedIndex(activity)]!;
    events.push({ ts, client: c.ip, user: c.user, req: normalRequest(what, c.agent), type: null });
  }
  const span = Math.max(ts - start, meanGap * lines);
  let left = nAttack;
  while (left > 0) {
    const type = attacks.pick(types);
    const [lo, hi] = EPISODE_SIZE[type];
    const size = Math.min(left, lo + attacks.int(hi - lo + 1));
    left -= size;
    const ep = attackEpisode(attacks, type, size);
    const ip = clientIp(attacks);
    let t = start + Math.round(attacks.next() * span);
    for (const req of ep.requests) {
      events.push({ ts: t, client: ip, user: "-", req, type });
      t += ep.gapMs();
    }
  }
  // Time order; ties keep generation order (stable sort).
  events.sort((a, b) => a.ts - b.ts);
  const last = events[events.length - 1]!.ts;
  if (!(last <= 253402300799999)) throw new Error(`synthetic timestamps would leave the calendar (last request at ${last} ms, beyond year 9999); lower --mean-gap-ms or --lines`);
  return events.map((e, i) => ({ lineNo: i + 1, text: renderAccess(format, e.client, e.user, e.ts, e.req), timestamp: e.ts, label: e.type ? 1 : 0, attackType: e.type, client: e.client }));
}

/** The labels of generated requests as CSV: `LineId,Label,AnomalyType,Client,Timestamp`. */
export function accessLabelsCsv(lines: readonly AccessLogLine[]): string {
  const rows = [csvLine(["LineId", "Label", "AnomalyType", "Client", "Timestamp"])];
  for (const l of lines) rows.push(csvLine([l.lineNo, l.label, l.attackType ?? "", l.client, new Date(l.timestamp).toISOString()]));
  return rows.join("\n") + "\n";
}

/** Writes generated requests to `path` and their labels to `<path>.labels.csv`, both atomically. */
export function writeAccessLog(path: string, lines: readonly AccessLogLine[]): { log: string; labels: string } {
  const labels = `${path}.labels.csv`;
  writeFilesAtomic([
    { path, data: lines.map((l) => l.text).join("\n") + "\n" },
    { path: labels, data: accessLabelsCsv(lines) },
  ]);
  return { log: path, labels };
}
