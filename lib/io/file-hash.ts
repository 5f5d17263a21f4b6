import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";

/** SHA-256 (hex) of a file, read as a stream so files of any size work. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", (err) => reject(new Error(`Could not hash ${path}: ${err.message}`)))
      .on("end", () => resolve());
  });
  return hash.digest("hex");
}

/** SHA-256 (hex) of a file read synchronously (for small files). */
export function sha256FileSync(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}

/** SHA-256 (hex) of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The hashing thread's code: plain JS with Node built-ins only (no loader, no bundle). */
const HASH_THREAD = `
const { createHash } = require("node:crypto");
const { openSync, readSync, closeSync } = require("node:fs");
const { parentPort, workerData } = require("node:worker_threads");
const buf = Buffer.allocUnsafe(1 << 20);
const out = [];
for (const path of workerData) {
  try {
    const h = createHash("sha256");
    const fd = openSync(path, "r");
    try {
      for (let n; (n = readSync(fd, buf, 0, buf.length, null)) > 0; ) h.update(buf.subarray(0, n));
    } finally {
      closeSync(fd);
    }
    out.push({ ok: true, hex: h.digest("hex") });
  } catch (err) {
    out.push({ ok: false, message: String(err && err.message) });
  }
}
parentPort.postMessage(out);
`;

/**
 * SHA-256 (hex) of each file, computed on a worker thread so that a command can start hashing its
 * inputs for the manifest when it starts and parse them meanwhile (a 1M-line HDFS log is 140 MB:
 * ~0.2 s of hashing that no longer follows the parse). The thread does not keep the process
 * alive; a file that cannot be read rejects with its path.
 *
 * @example
 * const hashes = sha256FilesOffThread(["a.log"]); // start now
 * … // work
 * const [hex] = await hashes;
 */
export function sha256FilesOffThread(paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const w = new Worker(HASH_THREAD, { eval: true, workerData: [...paths] });
    w.unref();
    w.once("message", (rows: { ok: boolean; hex?: string; message?: string }[]) => {
      const bad = rows.findIndex((r) => !r.ok);
      if (bad >= 0) reject(new Error(`Could not hash ${paths[bad]}: ${rows[bad]!.message}`));
      else resolve(rows.map((r) => r.hex!));
    });
    w.once("error", (err) => reject(new Error(`Could not hash ${paths.join(", ")}: ${err.message}`)));
  });
}

