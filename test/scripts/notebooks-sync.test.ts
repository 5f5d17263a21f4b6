/**
 * Every notebook is its percent-format source, converted: `notebooks/NN-name.ipynb` must be
 * byte for byte what `scripts/notebooks/from-percent.ts` makes of `notebooks/src/NN-name.ts`
 * (edit the source, then convert; never edit only one of the two).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { percentToNotebook } from "../../scripts/notebooks/from-percent.js";

const root = process.cwd();
const sources = readdirSync(join(root, "notebooks", "src")).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
const notebooks = readdirSync(join(root, "notebooks")).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();

/** The bytes from-percent.ts writes for a source (writeJsonAtomic's layout). */
function converted(source: string): string {
  return JSON.stringify(percentToNotebook(readFileSync(source, "utf8")), null, 2) + "\n";
}

describe("notebooks match their sources", () => {
  it("every notebook has a source and every source a notebook", () => {
    expect(sources.length).toBeGreaterThan(0);
    expect(notebooks.map((f) => basename(f, ".ipynb"))).toEqual(sources.map((f) => basename(f, ".ts")));
  });

  for (const src of sources) {
    const name = basename(src, ".ts");
    it(`${name}.ipynb is notebooks/src/${src} converted (npx tsx scripts/notebooks/from-percent.ts notebooks/src/${src} notebooks/${name}.ipynb)`, () => {
      const ipynb = join(root, "notebooks", `${name}.ipynb`);
      expect(existsSync(ipynb), `${ipynb} missing`).toBe(true);
      expect(readFileSync(ipynb, "utf8")).toBe(converted(join(root, "notebooks", "src", src)));
    });
  }

  it("catches a notebook edited apart from its source (the check can fail)", () => {
    const src = join(root, "notebooks", "src", sources[0]!);
    const text = readFileSync(src, "utf8");
    expect(JSON.stringify(percentToNotebook(text + "\n// %%\nconst extra = 1;\n"), null, 2) + "\n").not.toBe(converted(src));
  });
});
