/**
 * Downloads the full public LogHub datasets (Zhu et al., ISSRE'23; https://github.com/logpai/loghub)
 * from their Zenodo record into data/full/<file>, verifies each download against the checksum
 * Zenodo publishes for it, unpacks it, and records what it fetched in data/full/MANIFEST.json.
 *
 *   npm run fetch-datasets -- [--systems HDFS,BGL] [--record 8196385] [--out data/full] [--list]
 *
 * Offline it stops at once with a clear message: the samples shipped in data/ need no download.
 * The data are free for research or academic use; cite Loghub and refer to its repository URL.
 */
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { spawnSync } from "node:child_process";
import { writeJsonAtomic } from "../lib/io/atomic-write.js";

/** Loghub's Zenodo record (the collection's current version). */
export const DEFAULT_RECORD = "8196385";
export const DEFAULT_API = "https://zenodo.org/api/records";

interface ZenodoFile {
  key: string;
  size: number;
  checksum: string; // "md5:<hex>"
  links: { self: string; content?: string };
}

export class FetchError extends Error {}

async function getJson(url: string): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(
      `cannot reach ${new URL(url).host} (${cause?.code ?? cause?.message ?? (err as Error).message}). ` +
        "fetch-datasets needs internet access; everything in data/ (the shipped samples) works offline.",
    );
  }
  if (!res.ok) throw new FetchError(`${url} answered HTTP ${res.status}`);
  return res.json();
}

/** The files of a Zenodo record, from its public API. */
export async function listRecordFiles(api: string, record: string): Promise<ZenodoFile[]> {
  const json = (await getJson(`${api}/${record}`)) as { files?: ZenodoFile[] };
  if (!Array.isArray(json.files)) throw new FetchError(`record ${record} has no file list`);
  return json.files;
}

async function download(file: ZenodoFile, target: string): Promise<{ md5: string; sha256: string }> {
  const url = file.links.content ?? `${file.links.self}`;
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new FetchError(`${url} answered HTTP ${res.status}`);
  const md5 = createHash("md5");
  const sha = createHash("sha256");
  const tmp = `${target}.part`;
  let done = 0;
  let last = 0;
  const body = Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
  body.on("data", (chunk: Buffer) => {
    md5.update(chunk);
    sha.update(chunk);
    done += chunk.length;
    if (Date.now() - last > 2000) {
      last = Date.now();
      process.stderr.write(`  ${file.key}: ${((100 * done) / file.size).toFixed(0)}% of ${(file.size / 2 ** 20).toFixed(0)} MiB\n`);
    }
  });
  await pipeline(body, createWriteStream(tmp));
  const got = { md5: md5.digest("hex"), sha256: sha.digest("hex") };
  const want = file.checksum.replace(/^md5:/, "");
  if (got.md5 !== want) {
    rmSync(tmp, { force: true });
    throw new FetchError(`${file.key}: checksum mismatch (Zenodo says md5 ${want}, download has ${got.md5}); removed`);
  }
  renameSync(tmp, target);
  return got;
}

function unpack(archive: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  const r = archive.endsWith(".zip")
    ? spawnSync("python3", ["-m", "zipfile", "-e", archive, dir], { stdio: "inherit" })
    : spawnSync("tar", ["-xzf", archive, "-C", dir], { stdio: "inherit" });
  if (r.status !== 0) throw new FetchError(`could not unpack ${archive} (${archive.endsWith(".zip") ? "python3 zipfile" : "tar"} failed)`);
}

interface Args {
  systems: string[] | null;
  record: string;
  api: string;
  out: string;
  list: boolean;
}

function parse(argv: string[]): Args {
  const a: Args = { systems: null, record: DEFAULT_RECORD, api: DEFAULT_API, out: join(process.cwd(), "data", "full"), list: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new FetchError(`${k} needs a value`);
      return x;
    };
    if (k === "--systems") a.systems = v().split(",").map((s) => s.trim()).filter(Boolean);
    else if (k === "--record") a.record = v();
    else if (k === "--api") a.api = v();
    else if (k === "--out") a.out = v();
    else if (k === "--list") a.list = true;
    else throw new FetchError(`unknown argument ${k} (usage: npm run fetch-datasets -- [--systems HDFS,BGL] [--record ID] [--out DIR] [--list])`);
  }
  return a;
}

export async function fetchDatasets(argv: string[]): Promise<number> {
  const args = parse(argv);
  const files = await listRecordFiles(args.api, args.record);
  const chosen = args.systems ? files.filter((f) => args.systems!.some((s) => f.key.toLowerCase().startsWith(s.toLowerCase()))) : files;
  if (args.list) {
    for (const f of files) process.stdout.write(`${f.key}\t${(f.size / 2 ** 20).toFixed(1)} MiB\t${f.checksum}\n`);
    return 0;
  }
  if (chosen.length === 0) throw new FetchError(`no file of record ${args.record} matches ${args.systems?.join(",")}; use --list`);
  mkdirSync(args.out, { recursive: true });
  const manifestPath = join(args.out, "MANIFEST.json");
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { files: unknown[] }) : { files: [] as unknown[] };
  for (const f of chosen) {
    const archive = join(args.out, f.key);
    if (existsSync(archive) && statSync(archive).size === f.size) {
      process.stderr.write(`✔ ${f.key} already present\n`);
      continue;
    }
    process.stderr.write(`↓ ${f.key} (${(f.size / 2 ** 20).toFixed(0)} MiB)\n`);
    const sums = await download(f, archive);
    unpack(archive, join(args.out, f.key.replace(/\.(zip|tar\.gz|tgz)$/, "")));
    manifest.files.push({ file: f.key, bytes: f.size, md5: sums.md5, sha256: sums.sha256, source: `${args.api}/${args.record}`, fetchedAt: new Date().toISOString() });
    writeJsonAtomic(manifestPath, manifest);
    process.stderr.write(`✔ ${f.key}: md5 verified, unpacked\n`);
  }
  return 0;
}

if (process.argv[1]?.endsWith("fetch-datasets.ts")) {
  fetchDatasets(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`fetch-datasets: ${err.message}\n`);
      process.exit(err instanceof FetchError ? 1 : 2);
    },
  );
}
