import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { loghubLogPath } from "../../../lib/data/loghub-2k.js";
import { readAllLines } from "../../../lib/io/line-reader.js";
import { loghubPreset, type LOGHUB_SYSTEMS } from "../../../lib/parse/formats/loghub-presets.js";
import { DEFAULT_MASKING_RULES } from "../../../lib/parse/masking.js";
import { TemplateMiner } from "../../../lib/parse/drain/template-miner.js";
import { decodeMinerState, encodeMinerState, FileStateStore, loadMinerState, MemoryStateStore, saveMinerState } from "../../../lib/parse/drain/state-store.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-state-store-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function contents(system: (typeof LOGHUB_SYSTEMS)[number]): Promise<string[]> {
  const { lines } = await readAllLines(loghubLogPath(system));
  return lines.map((l) => loghubPreset(system).format.parse(l)!.content);
}

// Moved from test/parse/drain/template-miner.test.ts.
describe("miner persistence", () => {
  it("round-trips the whole state and continues identically", async () => {
    const lines = await contents("Thunderbird");
    const a = new TemplateMiner({ drain: { depth: 4, simThreshold: 0.5 }, masking: DEFAULT_MASKING_RULES });
    a.fit(lines.slice(0, 1200));
    const store = new MemoryStateStore();
    saveMinerState(a, store);
    const b = loadMinerState(store)!;
    expect(b.toState()).toEqual(a.toState());
    const ra = lines.slice(1200).map((l) => a.add(l));
    const rb = lines.slice(1200).map((l) => b.add(l));
    expect(rb).toEqual(ra);
    expect(b.toState()).toEqual(a.toState());
  });

  it("writes state files atomically and explains corrupt or foreign ones", async () => {
    const dir = mkdtempSync(join(tmp, "state-"));
    const path = join(dir, "state.json");
    expect(loadMinerState(path)).toBeNull();
    const m = new TemplateMiner();
    m.add("hello world 1");
    saveMinerState(m, path);
    expect(readdirSync(dir)).toEqual(["state.json"]);
    expect(loadMinerState(path)!.templates()).toEqual(m.templates());
    writeFileSync(path, "{not json");
    expect(() => loadMinerState(path)).toThrow(/corrupt state, not UTF-8 JSON/);
    writeFileSync(path, JSON.stringify({ ...m.toState(), version: 99 }));
    expect(() => loadMinerState(path)).toThrow(/unsupported Drain state version 99/);
    writeFileSync(path, JSON.stringify({ format: "drain3", version: 1 }));
    expect(() => loadMinerState(path)).toThrow(/not a loglab Drain state/);
    expect(() => decodeMinerState(new Uint8Array([0xff, 0xfe]))).toThrow(/corrupt state/);
  });
});

describe("state stores", () => {
  it("MemoryStateStore is empty at first and keeps its own copy of what it was given", () => {
    const s = new MemoryStateStore();
    expect(s.load()).toBeNull();
    const bytes = Uint8Array.of(1, 2, 3);
    s.save(bytes);
    bytes[0] = 9;
    const out = s.load()!;
    expect(Array.from(out)).toEqual([1, 2, 3]);
    out[1] = 9; // changing a loaded copy does not change the store
    expect(Array.from(s.load()!)).toEqual([1, 2, 3]);
    expect(loadMinerState(new MemoryStateStore())).toBeNull();
  });

  it("FileStateStore: null before the first save, the saved bytes after; a folder in its place is an error naming the path", () => {
    const path = join(tmp, "raw.bin");
    const f = new FileStateStore(path);
    expect(f.path).toBe(path);
    expect(f.load()).toBeNull();
    f.save(Uint8Array.of(7, 8));
    expect(Array.from(f.load()!)).toEqual([7, 8]);
    const dir = mkdtempSync(join(tmp, "dir-"));
    expect(() => new FileStateStore(dir).load()).toThrow(`Could not read Drain state ${dir}`);
  });

  it("encode/decode: UTF-8 JSON of the miner's state; decode errors name their source", () => {
    const m = new TemplateMiner();
    m.add("disk sda1 full");
    m.add("disk sdb2 full");
    const bytes = encodeMinerState(m);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ format: "loglab.drain-state-file", version: 1, state: m.toState(), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const back = decodeMinerState(bytes);
    expect(back.templates()).toEqual(m.templates());
    expect(() => decodeMinerState(new TextEncoder().encode("[1"), "shard-3.json")).toThrow(/^shard-3\.json: corrupt state, not UTF-8 JSON/);
    expect(() => decodeMinerState(new TextEncoder().encode('{"format":"x"}'), "shard-4.json")).toThrow(/^shard-4\.json: /);
  });

  it("loadMinerState names the file in its errors", () => {
    const path = join(tmp, "bad-state.json");
    writeFileSync(path, "nope");
    expect(() => loadMinerState(path)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: corrupt state`));
  });
});

// Issue 10: Drain states are validated against the checksum recorded when they were written.
describe("state checksums", () => {
  const miner = (): TemplateMiner => {
    const m = new TemplateMiner({ masking: DEFAULT_MASKING_RULES });
    for (const l of ["disk sda1 full", "disk sdb2 full", "user alice logged in from 10.0.0.1", "user bob logged in from 10.0.0.2", "job 17 finished in 3 s"]) m.add(l);
    return m;
  };

  it("an edited state is refused naming the file; a bare state written before checksums still loads", () => {
    const path = join(tmp, "sealed.json");
    saveMinerState(miner(), path);
    const env = JSON.parse(new TextDecoder().decode(new FileStateStore(path).load()!));
    env.state.drain.options.simThreshold = 0.9;
    writeFileSync(path, JSON.stringify(env));
    expect(() => loadMinerState(path)).toThrow(new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}: checksum mismatch`));
    delete env.sha256;
    writeFileSync(path, JSON.stringify(env));
    expect(() => loadMinerState(path)).toThrow(/no checksum/);
    writeFileSync(path, JSON.stringify(miner().toState()));
    expect(loadMinerState(path)!.templates()).toEqual(miner().templates());
  });

  it("every random bit flip of a saved state is detected or leaves the state unchanged (property)", () => {
    const m = miner();
    const bytes = encodeMinerState(m);
    const want = JSON.stringify(m.toState());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const b = bytes.slice();
        b[bit >> 3]! ^= 1 << (bit & 7);
        let loaded: TemplateMiner | null = null;
        try {
          loaded = decodeMinerState(b, "state.json");
        } catch (err) {
          expect((err as Error).message).toMatch(/^state\.json: /);
          return;
        }
        expect(JSON.stringify(loaded.toState())).toBe(want);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it("random bytes and truncations are errors naming the source, never a miner (property)", () => {
    const bytes = encodeMinerState(miner());
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 0, max: bytes.length - 1 }).map((n) => bytes.slice(0, n))), (b) => {
        expect(() => decodeMinerState(b, "s.json")).toThrow(/^s\.json: /);
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
