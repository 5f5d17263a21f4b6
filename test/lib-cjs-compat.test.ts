import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** Every .ts file under a folder, recursively. */
function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

describe("lib/ loads in the notebook kernel", () => {
  it("no lib/ module uses import.meta (tslab compiles lib/ to CommonJS; import.meta makes Node load such a file as ESM, and the notebook's import fails)", () => {
    const offenders = tsFiles(join(process.cwd(), "lib")).filter((f) => /\bimport\.meta\b/.test(readFileSync(f, "utf8").replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, "")));
    expect(offenders).toEqual([]);
  });
});
