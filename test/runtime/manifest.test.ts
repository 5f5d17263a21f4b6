import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildManifest, gitState, prefetchManifestFacts, Stopwatch, writeManifest } from "../../lib/runtime/manifest.js";
import { sha256 } from "../../lib/io/file-hash.js";

describe("writeManifest", () => {
  it("records config, seed, git commit, hashed inputs, backend, timings and outputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const input = join(dir, "in.txt");
    writeFileSync(input, "hello\n");
    const m = await writeManifest(dir, { producer: "test", config: { a: 1 }, seed: 7, inputs: [input], backend: "wasm", timings: { fit: 1.5 }, outputs: ["b.json", "a.json"] });
    const onDisk = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(m)));
    expect(m.format).toBe("loglab.manifest");
    expect(m.seed).toBe(7);
    expect(m.inputs[0]).toEqual({ path: input, bytes: 6, sha256: sha256("hello\n") });
    expect(m.outputs).toEqual(["a.json", "b.json"]);
    expect(m.git.commit === null || /^[0-9a-f]{40}$/.test(m.git.commit)).toBe(true);
    expect(m.environment.cores).toBeGreaterThan(0);
    rmSync(dir, { recursive: true });
  });
});

describe("prefetchManifestFacts", () => {
  it("gives the same git state and input records as building the manifest after the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const input = join(dir, "in.txt");
    writeFileSync(input, "hello\n");
    const facts = prefetchManifestFacts([input]);
    const later = await buildManifest({ producer: "test", inputs: [input] });
    const early = await buildManifest({ producer: "test", inputs: [input], prefetched: facts });
    expect(early.inputs).toEqual(later.inputs);
    expect(early.git).toEqual(gitState());
    await expect(prefetchManifestFacts([join(dir, "missing")])).rejects.toThrow(/Could not hash .*missing/);
    rmSync(dir, { recursive: true });
  });
});

describe("Stopwatch", () => {
  it("accumulates named timings", async () => {
    const sw = new Stopwatch();
    await sw.time("a", () => new Promise((r) => setTimeout(r, 20)));
    await sw.time("a", () => 1);
    expect(sw.timings.a).toBeGreaterThan(0.015);
  });
});
