import { makeWindow, type EventWindow, type WindowableEvent } from "./event-window.js";

/** Options of {@link sessionWindows}. */
export interface SessionOptions {
  /**
   * The identifier pattern, e.g. `/blk_-?\d+/` for HDFS blocks. Every match in a line is a
   * session the line belongs to (a line naming two blocks belongs to both).
   */
  idPattern: RegExp | string;
  /** Reads the text searched for ids (default: the event's `content`). */
  textOf?: (event: WindowableEvent & { content?: string }, index: number) => string;
}

/** Sessions and what could not be assigned. */
export interface SessionWindows {
  /** One window per identifier, in order of first appearance; `id` is the identifier. */
  windows: EventWindow[];
  /** Events whose text holds no identifier (belong to no session). */
  unassigned: number;
  /** Events that belong to two or more sessions. */
  multiSession: number;
}

/**
 * Groups events into sessions by an identifier found in their text (HDFS block ids, request ids,
 * process ids). Events stay in input order inside each session.
 *
 * @example
 * const { windows } = sessionWindows(parsed, { idPattern: /blk_-?\d+/ });
 * windows[0].id;    // "blk_-1608999687919862906"
 * windows[0].lines; // [{ file: "HDFS_20000.log", lineNo: 1 }, …]
 */
export function sessionWindows(events: readonly (WindowableEvent & { content?: string })[], options: SessionOptions): SessionWindows {
  const src = typeof options.idPattern === "string" ? options.idPattern : options.idPattern.source;
  const flags = typeof options.idPattern === "string" ? "g" : options.idPattern.flags.includes("g") ? options.idPattern.flags : options.idPattern.flags + "g";
  const re = new RegExp(src, flags);
  const textOf = options.textOf ?? ((e: WindowableEvent & { content?: string }, i: number): string => {
    if (e.content === undefined) throw new Error(`sessionWindows: event ${i + 1} (${e.file}:${e.lineNo}) has no content; pass textOf`);
    return e.content;
  });
  const byId = new Map<string, number[]>();
  let unassigned = 0;
  let multi = 0;
  events.forEach((e, i) => {
    const ids = new Set<string>();
    re.lastIndex = 0;
    for (const m of textOf(e, i).matchAll(re)) {
      if (m[0] === "") throw new Error(`sessionWindows: idPattern /${src}/ matches the empty string`);
      ids.add(m[0]);
    }
    if (ids.size === 0) unassigned++;
    if (ids.size > 1) multi++;
    for (const id of ids) {
      let list = byId.get(id);
      if (!list) byId.set(id, (list = []));
      list.push(i);
    }
  });
  const windows = [...byId.entries()].map(([id, indices]) => makeWindow(id, "session", events, indices));
  return { windows, unassigned, multiSession: multi };
}
