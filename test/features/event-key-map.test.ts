import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
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

  it("loadOrNew starts empty without a file", () => {
    expect(EventKeyMap.loadOrNew(join(dir, "none.csv")).size).toBe(0);
    expect(EventKeyMap.loadOrNew(undefined).size).toBe(0);
  });
});
