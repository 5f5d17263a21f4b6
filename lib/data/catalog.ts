import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sha256FileSync } from "../io/file-hash.js";
import { dataPath } from "../runtime/project.js";

/** One shipped data file as recorded in data/MANIFEST.json. */
export interface ShippedFile {
  path: string;
  bytes: number;
  lines: number;
  sha256: string;
  /** Where it came from (repository, path, commit) or the rule that derived it. */
  source?: Record<string, unknown>;
  derived?: Record<string, unknown> | string;
  note?: string;
}

/** A shipped dataset folder with its file count, size, line count and provenance file. */
export interface ShippedDataset {
  name: string;
  files: number;
  bytes: number;
  lines: number;
  provenance: string | null;
  /** Files whose bytes no longer match the manifest's SHA-256 (filled by `verify`). */
  mismatched?: string[];
  /** Files listed in the manifest but missing on disk. */
  missing?: string[];
}

/** Reads data/MANIFEST.json (the provenance manifest of every shipped data file). */
export function readDataManifest(): ShippedFile[] {
  const path = dataPath("MANIFEST.json");
  if (!existsSync(path)) throw new Error(`${path} is missing: the shipped data's manifest is part of the repository`);
  const json = JSON.parse(readFileSync(path, "utf8")) as { files: ShippedFile[] };
  // Documentation files were rewritten for this repository; the manifest pins the data files.
  return json.files.filter((f) => !f.path.endsWith(".md"));
}

/**
 * The shipped datasets (top-level folders of data/), with counts from the manifest. With
 * `verify`, every file is hashed and compared with the manifest.
 *
 * @example
 * showTable(shippedDatasets({ verify: true }));
 */
export function shippedDatasets(options: { verify?: boolean } = {}): ShippedDataset[] {
  const files = readDataManifest();
  const byName = new Map<string, ShippedDataset>();
  for (const f of files) {
    const name = f.path.split("/")[0]!;
    let d = byName.get(name);
    if (!d) {
      const prov = join(name, "PROVENANCE.md");
      d = { name, files: 0, bytes: 0, lines: 0, provenance: existsSync(dataPath(prov)) ? `data/${prov}` : null };
      if (options.verify) {
        d.mismatched = [];
        d.missing = [];
      }
      byName.set(name, d);
    }
    d.files += 1;
    d.bytes += f.bytes;
    d.lines += f.lines;
    if (options.verify) {
      const p = dataPath(f.path);
      if (!existsSync(p)) d.missing!.push(f.path);
      else if (sha256FileSync(p) !== f.sha256) d.mismatched!.push(f.path);
    }
  }
  return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** One row of the shipped-data table. */
export type DatasetRow = {
  dataset: string;
  files: number;
  MiB: number;
  lines: number;
  provenance: string;
  /** "sha256 ok", or what changed or is missing; null when not verified. */
  integrity: string | null;
};

/** Datasets as display rows: name, files, MiB, lines, provenance file and (when verified) integrity. */
export function datasetRows(datasets: readonly ShippedDataset[]): DatasetRow[] {
  return datasets.map((d) => ({
    dataset: d.name,
    files: d.files,
    MiB: Math.round((d.bytes / 2 ** 20) * 100) / 100,
    lines: d.lines,
    provenance: d.provenance ?? "(none)",
    integrity: d.mismatched ? (d.mismatched.length + (d.missing?.length ?? 0) === 0 ? "sha256 ok" : `${d.mismatched.length} changed, ${d.missing?.length ?? 0} missing`) : null,
  }));
}
