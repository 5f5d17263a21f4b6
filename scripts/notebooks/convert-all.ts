/**
 * Converts every notebook source to its notebook: notebooks/src/NN-name.ts → notebooks/NN-name.ipynb
 * (what test/scripts/notebooks-sync.test.ts checks).
 *
 *   npm run notebooks:convert
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { writeJsonAtomic } from "../../lib/io/atomic-write.js";
import { percentToNotebook } from "./from-percent.js";

const dir = join(process.cwd(), "notebooks");
for (const f of readdirSync(join(dir, "src")).filter((x) => /^\d\d-.*\.ts$/.test(x)).sort()) {
  const out = join(dir, `${basename(f, ".ts")}.ipynb`);
  writeJsonAtomic(out, percentToNotebook(readFileSync(join(dir, "src", f), "utf8")));
  process.stderr.write(`wrote ${out}\n`);
}
