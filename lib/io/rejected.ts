/** An input line that was not parsed, with the reason. Nothing is dropped silently: every line is parsed or rejected. */
export interface Rejected {
  /** The input file (as given by the caller). */
  file: string;
  /** 1-based line number in that file. */
  lineNo: number;
  /** Why the line was rejected, e.g. "line longer than 65536 characters", "header does not match format HDFS". */
  reason: string;
}

/** Counts of rejected lines per reason (reports show these). */
export function countRejectReasons(rejects: readonly Rejected[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rejects) out[r.reason] = (out[r.reason] ?? 0) + 1;
  return out;
}
