import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";

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
