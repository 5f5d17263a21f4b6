import { ownString } from "../runtime/own-string.js";

/**
 * Sessions built while the lines stream by, with memory bounded by the sessions still open rather
 * than by the lines read (issue 16 item 4). Each event costs two 32-bit words (its line's ordinal
 * and a value, e.g. a template ordinal) in a shared pool of fixed-size chunks; a session is a
 * linked list of chunks plus one small record, and its chunks go back to the pool when it closes.
 * No per-line object, string or array is kept.
 *
 * A session closes when the stream ends or, with `timeoutMs`, when no event of it has come for
 * longer than that much log time (the idle timeout of sshd-style or request logs); a later event
 * with the same id then opens a new session with that id.
 */

/** A session handed to `onClose`. */
export interface StreamedSession {
  /** The session identifier (the same id may close several times with a timeout). */
  id: string;
  /** 0-based order in which sessions were opened. */
  opened: number;
  /** The line ordinal of each event, in input order. */
  lines: Uint32Array;
  /** The value of each event (parallel to `lines`). */
  values: Uint32Array;
  /** 1 when any of its events was added with label 1. */
  label: 0 | 1;
  /** Why it closed: idle for longer than the timeout, or the end of the stream. */
  closedBy: "timeout" | "end";
  /** Timestamp (ms) of its first and last events, when they had one. */
  firstTimestamp: number | undefined;
  lastTimestamp: number | undefined;
}

/** Options of {@link SessionStream}. */
export interface SessionStreamOptions {
  /** Close a session idle for longer than this (log time, ms); events then need timestamps. */
  timeoutMs?: number;
  /** Receives each session as it closes (the arrays are its own copies). */
  onClose: (session: StreamedSession) => void;
}

const CHUNK = 8; // events per chunk
const BLOCK_SHIFT = 13; // 8,192 chunks (65,536 events, 512 KiB) per pool block
const BLOCK_CHUNKS = 1 << BLOCK_SHIFT;
const BLOCK_MASK = BLOCK_CHUNKS - 1;

/** A pool of chunks of CHUNK (line, value) pairs, linked by `next`, allocated in blocks that are never copied. */
class ChunkPool {
  private readonly lineBlocks: Uint32Array[] = [];
  private readonly valueBlocks: Uint32Array[] = [];
  private readonly nextBlocks: Int32Array[] = [];
  private free = -1;
  private made = 0;
  /** Chunks in use. */
  inUse = 0;

  alloc(): number {
    let c: number;
    if (this.free >= 0) {
      c = this.free;
      this.free = this.nextBlocks[c >>> BLOCK_SHIFT]![c & BLOCK_MASK]!;
    } else {
      c = this.made++;
      if ((c >>> BLOCK_SHIFT) >= this.lineBlocks.length) {
        this.lineBlocks.push(new Uint32Array(BLOCK_CHUNKS * CHUNK));
        this.valueBlocks.push(new Uint32Array(BLOCK_CHUNKS * CHUNK));
        this.nextBlocks.push(new Int32Array(BLOCK_CHUNKS));
      }
    }
    this.nextBlocks[c >>> BLOCK_SHIFT]![c & BLOCK_MASK] = -1;
    this.inUse++;
    return c;
  }

  setNext(c: number, next: number): void {
    this.nextBlocks[c >>> BLOCK_SHIFT]![c & BLOCK_MASK] = next;
  }

  put(c: number, slot: number, line: number, value: number): void {
    const at = (c & BLOCK_MASK) * CHUNK + slot;
    this.lineBlocks[c >>> BLOCK_SHIFT]![at] = line;
    this.valueBlocks[c >>> BLOCK_SHIFT]![at] = value;
  }

  /** Copies `n` events of the list starting at `head` out, and returns its chunks to the free list. */
  drain(head: number, n: number): { lines: Uint32Array; values: Uint32Array } {
    const lines = new Uint32Array(n);
    const values = new Uint32Array(n);
    let c = head;
    let k = 0;
    while (c >= 0) {
      const b = c >>> BLOCK_SHIFT;
      const at = (c & BLOCK_MASK) * CHUNK;
      const take = Math.min(CHUNK, n - k);
      lines.set(this.lineBlocks[b]!.subarray(at, at + take), k);
      values.set(this.valueBlocks[b]!.subarray(at, at + take), k);
      k += take;
      const next = this.nextBlocks[b]![c & BLOCK_MASK]!;
      this.nextBlocks[b]![c & BLOCK_MASK] = this.free;
      this.free = c;
      this.inUse--;
      c = next;
    }
    return { lines, values };
  }
}

/**
 * The open sessions as parallel typed arrays indexed by slot (a free slot is reused), not one
 * object each: with no timeout every session stays open to the end, and an object, its fields and
 * its hidden-class slack cost ~100 bytes a session more than these columns (issue 16, item 4).
 */
class OpenSessions {
  ids: string[] = [];
  opened = new Float64Array(1024);
  head = new Int32Array(1024);
  tail = new Int32Array(1024);
  n = new Uint32Array(1024);
  label = new Uint8Array(1024);
  /** First and last timestamps (NaN: none yet). */
  first = new Float64Array(1024);
  last = new Float64Array(1024);
  private readonly freeSlots: number[] = [];
  private used = 0;

  /** A slot for a new session. */
  take(id: string, opened: number, chunk: number): number {
    let k = this.freeSlots.pop();
    if (k === undefined) {
      k = this.used++;
      if (k === this.head.length) this.grow();
    }
    this.ids[k] = id;
    this.opened[k] = opened;
    this.head[k] = chunk;
    this.tail[k] = chunk;
    this.n[k] = 0;
    this.label[k] = 0;
    this.first[k] = NaN;
    this.last[k] = NaN;
    return k;
  }

  release(k: number): void {
    this.ids[k] = "";
    this.freeSlots.push(k);
  }

  private grow(): void {
    const g = <A extends Float64Array | Int32Array | Uint32Array | Uint8Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(a.length * 2);
      b.set(a);
      return b;
    };
    this.opened = g(this.opened);
    this.head = g(this.head);
    this.tail = g(this.tail);
    this.n = g(this.n);
    this.label = g(this.label);
    this.first = g(this.first);
    this.last = g(this.last);
  }
}


/**
 * Groups a stream of events into sessions by identifier.
 *
 * @example
 * const stream = new SessionStream({ timeoutMs: 600_000, onClose: (s) => out.push(s) });
 * stream.add("pid-24200", lineOrdinal, templateOrdinal, timestampMs, 0);
 * stream.end(); // closes the rest, in the order they were opened
 */
export class SessionStream {
  private readonly pool = new ChunkPool();
  /** Slot in `table` of each open session's id. */
  private readonly open = new Map<string, number>();
  private readonly table = new OpenSessions();
  private readonly timeoutMs: number | undefined;
  private readonly onClose: (s: StreamedSession) => void;
  private opened = 0;
  private clock = -Infinity;
  private lastSweep = -Infinity;
  private ended = false;
  /** Most sessions open at one time. */
  peakOpen = 0;
  /** Sessions closed so far. */
  closed = 0;

  constructor(options: SessionStreamOptions) {
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) throw new Error(`SessionStream: timeoutMs must be positive, got ${options.timeoutMs}`);
    this.timeoutMs = options.timeoutMs;
    this.onClose = options.onClose;
  }

  /** Sessions open now. */
  get openSessions(): number {
    return this.open.size;
  }

  /** Events held by open sessions' chunks (capacity, in events). */
  get heldEvents(): number {
    return this.pool.inUse * CHUNK;
  }

  /**
   * Adds one event to session `id`. With a timeout, `timestamp` is required: it moves the stream's
   * clock (the latest timestamp seen) and closes the sessions idle for longer than the timeout.
   */
  add(id: string, line: number, value: number, timestamp: number | undefined, label: 0 | 1): void {
    if (this.ended) throw new Error("SessionStream: add after end");
    const timeout = this.timeoutMs;
    const t = this.table;
    let k = this.open.get(id);
    if (timeout !== undefined) {
      if (timestamp === undefined || !Number.isFinite(timestamp)) throw new Error(`SessionStream: session ${id}: an event without a timestamp (a timeout needs them)`);
      if (k !== undefined && !Number.isNaN(t.last[k]!) && timestamp - t.last[k]! > timeout) {
        this.close(k, "timeout");
        k = undefined;
      }
      this.advance(timestamp);
    }
    if (k === undefined) {
      // The id is usually cut from a log line: an open session must not keep the line's read chunk alive.
      const own = ownString(id);
      k = t.take(own, this.opened++, this.pool.alloc());
      this.open.set(own, k);
      if (this.open.size > this.peakOpen) this.peakOpen = this.open.size;
    }
    const n = t.n[k]!;
    const slot = n % CHUNK;
    if (slot === 0 && n > 0) {
      const c = this.pool.alloc();
      this.pool.setNext(t.tail[k]!, c);
      t.tail[k] = c;
    }
    this.pool.put(t.tail[k]!, slot, line, value);
    t.n[k] = n + 1;
    if (label) t.label[k] = 1;
    if (timestamp !== undefined) {
      if (Number.isNaN(t.first[k]!)) t.first[k] = timestamp;
      if (Number.isNaN(t.last[k]!) || timestamp > t.last[k]!) t.last[k] = timestamp;
    }
  }

  /**
   * Moves the clock to `timestamp` (if later) and closes the sessions idle for longer than the
   * timeout (no-op without one). Scans the open sessions at most every quarter timeout of log time.
   */
  advance(timestamp: number): void {
    const timeout = this.timeoutMs;
    if (timeout === undefined || !(timestamp > this.clock)) return;
    this.clock = timestamp;
    if (this.clock - this.lastSweep < timeout / 4) return;
    this.lastSweep = this.clock;
    const last = this.table.last;
    for (const k of this.open.values()) {
      if (!Number.isNaN(last[k]!) && this.clock - last[k]! > timeout) this.close(k, "timeout");
    }
  }

  /** Closes every open session, in the order they were opened. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const opened = this.table.opened;
    const rest = Float64Array.from(this.open.values());
    rest.sort((a, b) => opened[a]! - opened[b]!);
    for (const k of rest) this.close(k, "end");
  }

  private close(k: number, why: "timeout" | "end"): void {
    const t = this.table;
    const id = t.ids[k]!;
    this.open.delete(id);
    const { lines, values } = this.pool.drain(t.head[k]!, t.n[k]!);
    this.closed++;
    const first = t.first[k]!;
    const last = t.last[k]!;
    const session: StreamedSession = { id, opened: t.opened[k]!, lines, values, label: t.label[k] as 0 | 1, closedBy: why, firstTimestamp: Number.isNaN(first) ? undefined : first, lastTimestamp: Number.isNaN(last) ? undefined : last };
    t.release(k);
    this.onClose(session);
  }
}
