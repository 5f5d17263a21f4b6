import { existsSync, readFileSync } from "node:fs";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { checkSealedJson, sealJson } from "../../io/sealed-json.js";
import { MINER_STATE_FORMAT, TemplateMiner, type MinerState } from "./template-miner.js";

/** `format` of the file envelope around a state: the state plus its SHA-256. */
export const MINER_STATE_FILE_FORMAT = "loglab.drain-state-file";

/**
 * Where a miner's state lives: Drain3's two-method persistence contract. Bytes are UTF-8 JSON
 * (see {@link MinerState}); `load` returns null when nothing was saved yet.
 */
export interface StateStore {
  save(bytes: Uint8Array): void;
  load(): Uint8Array | null;
}

/** A state file, written atomically (temporary name, then rename): a crash never leaves half a state. */
export class FileStateStore implements StateStore {
  constructor(readonly path: string) {}
  save(bytes: Uint8Array): void {
    writeFileAtomic(this.path, bytes);
  }
  load(): Uint8Array | null {
    if (!existsSync(this.path)) return null;
    try {
      return readFileSync(this.path);
    } catch (err) {
      throw new Error(`Could not read Drain state ${this.path}: ${(err as Error).message}`);
    }
  }
}

/** State kept in memory (tests, or shipping states between workers). */
export class MemoryStateStore implements StateStore {
  private bytes: Uint8Array | null = null;
  save(bytes: Uint8Array): void {
    this.bytes = Uint8Array.from(bytes);
  }
  load(): Uint8Array | null {
    return this.bytes === null ? null : Uint8Array.from(this.bytes);
  }
}

/**
 * The state as the bytes a store keeps: UTF-8 JSON `{ format: "loglab.drain-state-file",
 * version: 1, state, sha256 }`, where `sha256` covers the rest (see lib/io/sealed-json.ts), so
 * a damaged or edited state is detected when it is read back.
 */
export function encodeMinerState(miner: TemplateMiner): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(sealJson({ format: MINER_STATE_FILE_FORMAT, version: 1, state: miner.toState() })));
}

/**
 * A miner from stored bytes. A corrupt file (not JSON, a checksum that does not match, not a
 * loglab state, an unknown version, inconsistent clusters) is an error naming `source` and what
 * is wrong. A bare state (`format: "loglab.drain-state"`, written before states carried a
 * checksum) is still read, its structure checked.
 */
export function decodeMinerState(bytes: Uint8Array, source = "Drain state"): TemplateMiner {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch (err) {
    throw new Error(`${source}: corrupt state, not UTF-8 JSON (${(err as Error).message})`);
  }
  let state: unknown = parsed;
  const env = parsed as { format?: unknown; version?: unknown; state?: unknown } | null;
  if (env !== null && typeof env === "object" && env.format === MINER_STATE_FILE_FORMAT) {
    if (env.version !== 1) throw new Error(`${source}: unsupported Drain state file version ${JSON.stringify(env.version)} (this loglab reads version 1)`);
    checkSealedJson(env, source);
    state = env.state;
  } else if (env === null || typeof env !== "object" || env.format !== MINER_STATE_FORMAT) {
    throw new Error(`${source}: not a loglab Drain state (format is ${JSON.stringify(env?.format)}, expected "${MINER_STATE_FILE_FORMAT}")`);
  }
  try {
    return TemplateMiner.fromState(state as MinerState);
  } catch (err) {
    throw new Error(`${source}: ${(err as Error).message}`);
  }
}

/**
 * Saves a miner to a file atomically (or to any {@link StateStore}).
 *
 * @example
 * saveMinerState(result.miner, "models/hdfs-drain.json");
 * const miner = loadMinerState("models/hdfs-drain.json"); // continue mining later
 */
export function saveMinerState(miner: TemplateMiner, target: string | StateStore): void {
  const store = typeof target === "string" ? new FileStateStore(target) : target;
  store.save(encodeMinerState(miner));
}

/** Loads a miner saved by {@link saveMinerState}; null when the store is empty (file missing). */
export function loadMinerState(source: string | StateStore): TemplateMiner | null {
  const store = typeof source === "string" ? new FileStateStore(source) : source;
  const bytes = store.load();
  if (bytes === null) return null;
  return decodeMinerState(bytes, typeof source === "string" ? source : "Drain state");
}
