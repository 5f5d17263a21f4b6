/** Where one event came from: the input file and its 1-based line number. */
export interface LineRef {
  file: string;
  lineNo: number;
}

/** `file:lineNo` (how reports and errors print a line reference). */
export function formatLineRef(ref: LineRef): string {
  return `${ref.file}:${ref.lineNo}`;
}
