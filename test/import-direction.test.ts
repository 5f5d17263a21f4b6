/**
 * The library's layering, enforced: every import statement of lib/** (static, type-only,
 * re-exports and dynamic `import()`) is parsed and resolved, and a file may import only from its
 * own folder's layer or a lower one. The generic layers also carry no notebook or shipped-dataset
 * name in their code: that glue lives in lib/experiments/ (docs/DESIGN.md §2).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** Lowest first. `index.ts` at the root of lib/ is the barrel above everything. */
export const LAYERS = ["io", "runtime", "parse", "config", "label", "windows", "features", "text", "eval", "models", "attacks", "data", "experiments", "classify", "plots", "report", "serve", "live", "cli"] as const;
/** Layers that must know no notebook or dataset name (the issue's "generic layers"). */
const GENERIC = ["io", "parse", "label", "windows", "features", "text", "eval", "models", "attacks"];

const root = process.cwd();
const lib = join(root, "lib");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/** Module specifiers of every import/export-from/dynamic import in a source text. */
export function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
  const out: string[] = [];
  const re = /(?:\bimport\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?|\bexport\s+(?:type\s+)?(?:\*(?:\s+as\s+\w+)?|\{[^}]*\})\s+from\s+|\bimport\s*\(\s*)["']([^"']+)["']/g;
  for (let m = re.exec(code); m !== null; m = re.exec(code)) out.push(m[1]!);
  return out;
}

/** The layer of a lib file (its first folder), or "index" for lib/index.ts. */
function layerOf(file: string): string {
  const rel = relative(lib, file).split(/[\\/]/);
  return rel.length === 1 ? "index" : rel[0]!;
}

function rank(layer: string): number {
  if (layer === "index") return LAYERS.length;
  const r = (LAYERS as readonly string[]).indexOf(layer);
  if (r < 0) throw new Error(`lib/${layer}/ is not in the layer list of test/import-direction.test.ts: add it where it belongs`);
  return r;
}

describe("lib/ import direction", () => {
  const all = files(lib);

  it("parses every kind of import statement", () => {
    const text = [
      `import { a } from "./a.js";`,
      `import type { B } from "../b/b.js";`,
      `import * as c from "../c/index.js";`,
      `import "./side-effect.js";`,
      `export * from "./d.js";`,
      `export { e, type F } from "../e/e.js";`,
      `const g = await import("../g/g.js");`,
      `// import { no } from "../commented.js";`,
      `/* export * from "../block-commented.js"; */`,
    ].join("\n");
    expect(importSpecifiers(text)).toEqual(["./a.js", "../b/b.js", "../c/index.js", "./side-effect.js", "./d.js", "../e/e.js", "../g/g.js"]);
  });

  it("knows every folder of lib/", () => {
    for (const f of all) expect(() => rank(layerOf(f)), relative(root, f)).not.toThrow();
  });

  it("every file imports only from its own layer or lower ones", () => {
    const violations: string[] = [];
    for (const f of all) {
      const from = layerOf(f);
      for (const spec of importSpecifiers(readFileSync(f, "utf8"))) {
        if (!spec.startsWith(".")) continue; // packages and node: built-ins
        const target = normalize(join(dirname(f), spec));
        if (!target.startsWith(lib)) {
          violations.push(`${relative(root, f)} imports ${spec}, outside lib/`);
          continue;
        }
        const to = layerOf(target.replace(/\.js$/, ".ts"));
        if (to !== from && rank(to) > rank(from)) violations.push(`${relative(root, f)} (${from}) imports ${spec} (${to})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it("catches an upward import (the check can fail)", () => {
    const f = join(lib, "eval", "x.ts");
    const target = normalize(join(dirname(f), "../experiments/detection/index.js"));
    expect(rank(layerOf(target))).toBeGreaterThan(rank(layerOf(f)));
  });

  it("generic layers name no notebook and no shipped dataset in their code", () => {
    const names = /["'`][^"'`\n]*\b(0\d-[a-z]+(?:-[a-z]+)*|hdfs-deeplog|bgl-afalog|loghub-2k|logai-raw|hdfs-loglizer)\b/;
    const found: string[] = [];
    for (const f of all.filter((x) => GENERIC.includes(layerOf(x)))) {
      const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
      code.split("\n").forEach((line, i) => {
        const m = names.exec(line);
        if (m) found.push(`${relative(root, f)}:${i + 1}: ${m[1]}`);
      });
    }
    expect(found).toEqual([]);
  });
});
