import { SessionStream } from "../windows/session-stream.js";

/** A raw line as read, kept while a session that holds it is open. */
export interface LiveLine {
  file: string;
  lineNo: number;
  text: string;
}

/** A session (or count window) that closed, with its keys and the raw lines behind them. */
export interface ClosedSession {
  /** The session id, or `count:N` (N = 0-based index of the window's first event) for count windows. */
  id: string;
  keys: number[];
  lines: LiveLine[];
  /** Why it closed: idle past the session timeout (log time), its count window filled, or the stream ended. */
  closedBy: "timeout" | "window" | "end";
}

/** How events become sessions: by id (as `loglab sessions --session-id/--session-field`) or count windows (`--window N[:STEP]`). */
export type LiveGrouping = { kind: "session"; timeoutMs?: number } | { kind: "count"; size: number; step?: number };

/**
 * Groups a live stream of keyed lines into sessions and hands each one over as it closes, with its
 * raw lines, so a detection can be shown as the lines behind it. Sessions by id go through
 * {@link SessionStream} (the same grouping and timeout rule as `loglab sessions`); count windows
 * close as soon as they fill, in the windows of `slidingCountWindows` (the last, partial one at
 * {@link end}). Memory holds the open sessions and their lines only: a line is dropped once every
 * session holding it closed (an HDFS line can name two blocks).
 */
export class LiveSessionizer {
  private readonly stream: SessionStream | null;
  /** Session mode: the lines of open sessions, with the number of open sessions holding each. */
  private readonly held = new Map<number, { line: LiveLine; refs: number }>();
  private next = 0;
  /** Count mode: the window size and step, and the events from the next window's start on. */
  private readonly window: { size: number; step: number } | null;
  private readonly pending: { line: LiveLine; key: number }[] = [];
  private windowStart = 0;
  private ended = false;
  /** Lines in no window (count windows whose step is longer than the window). */
  notPlaced = 0;

  constructor(
    grouping: LiveGrouping,
    private readonly onClose: (s: ClosedSession) => void,
  ) {
    if (grouping.kind === "count") {
      const step = grouping.step ?? grouping.size;
      if (!(Number.isInteger(grouping.size) && grouping.size > 0 && Number.isInteger(step) && step > 0)) throw new Error(`count windows need positive integers, got ${grouping.size}:${step}`);
      this.window = { size: grouping.size, step };
      this.stream = null;
    } else {
      this.window = null;
      this.stream = new SessionStream({ timeoutMs: grouping.timeoutMs, onClose: (s) => this.emitHeld(s.id, Array.from(s.values), s.lines, s.closedBy) });
    }
  }

  /** Sessions open now (count windows: 1 while events wait for their window to fill). */
  get openSessions(): number {
    return this.stream ? this.stream.openSessions : this.pending.length ? 1 : 0;
  }

  /**
   * Adds one keyed line. `ids` are the sessions it belongs to (ignored for count windows);
   * `timestamp` (epoch ms) is required with a session timeout.
   */
  add(line: LiveLine, key: number, ids: readonly string[], timestamp: number | undefined): void {
    if (this.ended) throw new Error("LiveSessionizer: add after end");
    const ordinal = this.next++;
    if (this.window) {
      if (ordinal < this.windowStart) {
        this.notPlaced++;
        return;
      }
      this.pending.push({ line, key });
      const { size, step } = this.window;
      if (this.pending.length === size) {
        this.onClose({ id: `count:${this.windowStart}`, keys: this.pending.map((e) => e.key), lines: this.pending.map((e) => e.line), closedBy: "window" });
        this.pending.splice(0, Math.min(step, size));
        this.windowStart += step;
      }
      return;
    }
    if (ids.length === 0) return;
    this.held.set(ordinal, { line, refs: ids.length });
    for (const id of ids) this.stream!.add(id, ordinal, key, timestamp, 0);
  }

  /** Closes every open session (the last, partial count window too), in the order they were opened. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.stream) this.stream.end();
    else if (this.pending.length) {
      const w = this.pending.splice(0);
      this.onClose({ id: `count:${this.windowStart}`, keys: w.map((e) => e.key), lines: w.map((e) => e.line), closedBy: "end" });
    }
  }

  private emitHeld(id: string, keys: number[], ordinals: Uint32Array, closedBy: ClosedSession["closedBy"]): void {
    const lines: LiveLine[] = [];
    for (let i = 0; i < ordinals.length; i++) {
      const h = this.held.get(ordinals[i]!);
      if (!h) throw new Error(`LiveSessionizer: a line of session ${id} was already released`);
      lines.push(h.line);
    }
    this.onClose({ id, keys, lines, closedBy });
    for (let i = 0; i < ordinals.length; i++) {
      const o = ordinals[i]!;
      const h = this.held.get(o)!;
      if (--h.refs <= 0) this.held.delete(o);
    }
  }
}
