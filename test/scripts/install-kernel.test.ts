import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { installKernel } from "../../scripts/install-kernel.js";

describe("installKernel", () => {
  it("writes a tslab kernelspec that starts this project's tslab", () => {
    const d = mkdtempSync(join(tmpdir(), "kspec-"));
    const dir = installKernel(["--prefix", d]);
    const spec = JSON.parse(readFileSync(join(dir, "kernel.json"), "utf8"));
    expect(dir).toBe(join(d, "share", "jupyter", "kernels", "tslab"));
    expect(spec.argv).toEqual([join(process.cwd(), "node_modules", ".bin", "tslab"), "kernel", "--config-path", "{connection_file}"]);
    expect(spec.language).toBe("typescript");
    expect(() => installKernel(["--frob"])).toThrow(/unknown argument --frob/);
    rmSync(d, { recursive: true });
  });
});
