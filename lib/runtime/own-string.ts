/**
 * A copy of `s` that shares no memory with the string it was cut from. V8 keeps a substring of 13
 * or more characters as a view of its parent, so a session id or cache key matched out of a log
 * line keeps the line's whole 64 KiB read chunk alive for as long as it is held: one long-lived
 * key per chunk holds the input file in memory (`loglab sessions` on HDFS: ~140 bytes per input
 * line). Use it for strings kept longer than the line they came from.
 */
export function ownString(s: string): string {
  // A round trip through JSON builds the characters anew in a flat string of its own.
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}
