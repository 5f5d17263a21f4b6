import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { damaged } from "../io/damage.js";
import { EventKeyMap } from "../../lib/features/event-key-map.js";

const dir = mkdtempSync(join(tmpdir(), "keymap-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("EventKeyMap", () => {
  it("gives keys 1, 2, … in order of first appearance and counts occurrences", () => {
    const m = new EventKeyMap();
    expect([m.keyOf("a1", "A <*>"), m.keyOf("b2", "B"), m.keyOf("a1", "A <*>")]).toEqual([1, 2, 1]);
    expect(m.list().map((e) => [e.key, e.eventId, e.occurrences])).toEqual([[1, "a1", 2], [2, "b2", 1]]);
    expect(m.peek("b2")).toBe(2);
    expect(m.peek("zz")).toBeUndefined();
  });

  it("round-trips through CSV (templates with commas and quotes) and stays append-only", () => {
    const m = new EventKeyMap();
    m.keyOf("a1", 'say "hi", then <*>');
    m.keyOf("b2", "B");
    const p = join(dir, "keys.csv");
    m.save(p);
    const back = EventKeyMap.load(p);
    expect(back.list()).toEqual(m.list());
    expect(back.added).toEqual([]);
    expect(back.keyOf("c3", "C")).toBe(3);
    expect(back.keyOf("a1", "x")).toBe(1);
    expect(back.added.map((e) => e.eventId)).toEqual(["c3"]);
    expect(readFileSync(p, "utf8").split("\n")[0]).toBe("Key,EventId,EventTemplate,Occurrences");
  });

  it("rejects a map whose keys are out of order or repeat an EventId, naming the record", () => {
    const p = join(dir, "bad.csv");
    writeFileSync(p, "Key,EventId,EventTemplate,Occurrences\n1,a,A,1\n3,b,B,1\n");
    expect(() => EventKeyMap.load(p)).toThrow(/record 2 has key 3, expected 2/);
    writeFileSync(p, "Key,EventId,EventTemplate,Occurrences\n1,a,A,1\n2,a,B,1\n");
    expect(() => EventKeyMap.load(p)).toThrow(/record 2 repeats EventId a/);
    writeFileSync(p, "K,E\n1,a\n");
    expect(() => EventKeyMap.load(p)).toThrow(/expected the columns Key,EventId,EventTemplate,Occurrences/);
  });

  it("ensure gives a template a key without counting an occurrence", () => {
    const m = new EventKeyMap();
    m.keyOf("a1", "A");
    expect(m.ensure("b2", "B")).toBe(2);
    expect(m.ensure("a1", "A")).toBe(1);
    expect(m.list().map((e) => e.occurrences)).toEqual([1, 0]);
    expect(m.added.map((e) => e.eventId)).toEqual(["a1", "b2"]);
  });

  it("loadOrNew starts empty without a file", () => {
    expect(EventKeyMap.loadOrNew(join(dir, "none.csv")).size).toBe(0);
    expect(EventKeyMap.loadOrNew(undefined).size).toBe(0);
  });
});

// Issue 10: key maps are validated against the checksum recorded when they were written.
describe("EventKeyMap checksums", () => {
  const map = (): EventKeyMap => {
    const m = new EventKeyMap();
    for (const [id, t] of [["a1", "disk <*> full"], ["b2", 'say "hi", then <*>'], ["c3", "user <*> logged in"]] as const) m.keyOf(id, t);
    m.keyOf("a1", "disk <*> full");
    return m;
  };

  it("writes KEYS.sha256 (sha256sum format) beside the map and refuses a map edited after, naming both files", () => {
    const p = join(dir, "sum.csv");
    map().save(p);
    expect(readFileSync(`${p}.sha256`, "utf8")).toMatch(/^[0-9a-f]{64}  sum\.csv\n$/);
    writeFileSync(p, readFileSync(p, "utf8").replace("disk", "disc"));
    expect(() => EventKeyMap.load(p)).toThrow(/sum\.csv: checksum mismatch .*sum\.csv\.sha256/);
    rmSync(`${p}.sha256`);
    expect(EventKeyMap.load(p).list()[0]!.template).toBe("disc <*> full"); // a hand-made map (no checksum) is read, its structure checked
    expect(existsSync(`${p}.sha256`)).toBe(false);
  });

  it("every random bit flip, truncation or random content is an error naming the file, or reads back the same map (property)", () => {
    const p = join(dir, "flip.csv");
    map().save(p);
    const bytes = readFileSync(p);
    const sum = readFileSync(`${p}.sha256`);
    const want = JSON.stringify(map().list());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ flip: fc.integer({ min: 0, max: bytes.length * 8 - 1 }) }),
          fc.record({ cut: fc.integer({ min: 0, max: bytes.length - 1 }) }),
          fc.record({ random: fc.uint8Array({ maxLength: 200 }) }),
        ),
        (damage) => {
          writeFileSync(p, damaged(bytes, damage));
          writeFileSync(`${p}.sha256`, sum);
          let got: EventKeyMap;
          try {
            got = EventKeyMap.load(p);
          } catch (err) {
            expect((err as Error).message).toMatch(/flip\.csv/);
            return;
          }
          expect(JSON.stringify(got.list())).toBe(want);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});
