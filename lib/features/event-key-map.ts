import { existsSync, readFileSync } from "node:fs";
import { readCsvFile, csvLine } from "../io/csv.js";
import { verifyChecksumSidecar, writeFileWithChecksum } from "../io/checksum-sidecar.js";

/** One row of an {@link EventKeyMap}. */
export interface EventKeyEntry {
  /** The integer log key (1, 2, …) used in DeepLog-style key files. */
  key: number;
  /** The template's content-hash id (EventId). */
  eventId: string;
  template: string;
  /** Lines mapped to this key so far (all data seen with this map). */
  occurrences: number;
}

const HEADER = ["Key", "EventId", "EventTemplate", "Occurrences"] as const;

/**
 * Template ids (content hashes) ↔ integer log keys for DeepLog-style key files, append-only: a
 * key, once given, never changes, so key files written for training and later for detection
 * (with the same map file) agree. Templates first seen later get new, higher keys, which a model
 * trained before treats as out-of-vocabulary. (DeepLog users ask how EventIds become integers:
 * wuyifan18/DeepLog#23, #41.)
 *
 * @example
 * const map = EventKeyMap.loadOrNew("out/keys.csv");
 * const k = map.keyOf(event.templateId, event.template); // 1, 2, …
 * map.save("out/keys.csv");
 */
export class EventKeyMap {
  private readonly byId = new Map<string, EventKeyEntry>();
  private readonly entries: EventKeyEntry[] = [];
  /** Keys added since this map was created or loaded. */
  readonly added: EventKeyEntry[] = [];

  /** The key of a template, adding it (with the next key) if new. Counts one occurrence. */
  keyOf(eventId: string, template: string): number {
    let e = this.byId.get(eventId);
    if (!e) {
      e = { key: this.entries.length + 1, eventId, template, occurrences: 0 };
      this.byId.set(eventId, e);
      this.entries.push(e);
      this.added.push(e);
    }
    e.occurrences++;
    return e.key;
  }

  /** Gives a template a key if it has none, without counting an occurrence (a template seen on lines outside any session). */
  ensure(eventId: string, template: string): number {
    let e = this.byId.get(eventId);
    if (!e) {
      e = { key: this.entries.length + 1, eventId, template, occurrences: 0 };
      this.byId.set(eventId, e);
      this.entries.push(e);
      this.added.push(e);
    }
    return e.key;
  }

  /** The key of a template if it has one (no side effects). */
  peek(eventId: string): number | undefined {
    return this.byId.get(eventId)?.key;
  }

  get size(): number {
    return this.entries.length;
  }

  /** All entries, by key. */
  list(): readonly EventKeyEntry[] {
    return this.entries;
  }

  /** Writes the map as CSV (Key, EventId, EventTemplate, Occurrences), atomically, and its SHA-256 as `<path>.sha256`. */
  save(path: string): void {
    writeFileWithChecksum(path, [csvLine([...HEADER]), ...this.entries.map((e) => csvLine([e.key, e.eventId, e.template, e.occurrences]))].join("\n") + "\n");
  }

  /**
   * Reads a map written by {@link save}, checked against its `<path>.sha256` when present (a map
   * made by hand has none: its structure is still checked); errors name the file and record.
   */
  static load(path: string): EventKeyMap {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(path);
    } catch (err) {
      throw new Error(`Could not read ${path}: ${(err as Error).message}`);
    }
    verifyChecksumSidecar(path, bytes);
    const { header, records } = readCsvFile(path);
    if (HEADER.some((h, i) => header[i] !== h)) throw new Error(`${path}: expected the columns ${HEADER.join(",")}, got ${header.join(",")}`);
    const map = new EventKeyMap();
    records.forEach((r, i) => {
      const key = Number(r[0]);
      if (r[0] !== String(i + 1) || key !== i + 1) throw new Error(`${path}: record ${i + 1} has key ${r[0]}, expected ${i + 1} (keys are 1, 2, … in order)`);
      const occurrences = Number(r[3]);
      if (!/^\d+$/.test(r[3]!) || !Number.isInteger(occurrences) || occurrences < 0) throw new Error(`${path}: record ${i + 1} has occurrences "${r[3]}"`);
      if (r[1] === "") throw new Error(`${path}: record ${i + 1} has an empty EventId`);
      const e: EventKeyEntry = { key, eventId: r[1]!, template: r[2]!, occurrences };
      if (map.byId.has(e.eventId)) throw new Error(`${path}: record ${i + 1} repeats EventId ${e.eventId}`);
      map.byId.set(e.eventId, e);
      map.entries.push(e);
    });
    return map;
  }

  /** Loads `path` if it exists, else starts an empty map. */
  static loadOrNew(path: string | undefined): EventKeyMap {
    return path !== undefined && existsSync(path) ? EventKeyMap.load(path) : new EventKeyMap();
  }
}
