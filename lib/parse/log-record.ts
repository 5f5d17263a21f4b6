/** One log line after its header was split by a format (before template mining). */
export interface LogRecord {
  /** The input file (as given by the caller). */
  file: string;
  /** 1-based line number in that file. */
  lineNo: number;
  /** Epoch milliseconds, where the format's timestamp fields allow. */
  timestamp?: number;
  /** Level/severity field as written (INFO, WARN, E, …), where the format has one. */
  level?: string;
  /** Component/source field, where the format has one. */
  component?: string;
  /** The free-text message after the header. */
  content: string;
  /** Every header field by its format name (Date, Time, Pid, …). */
  fields: Record<string, string>;
}

/** A log record with its mined template. */
export interface ParsedLog extends LogRecord {
  /** Content hash of the template (stable across runs and machines). */
  templateId: string;
  /** The template, parameters as `<*>` (or named masks such as `<:IP:>`). */
  template: string;
  /** The parameter values, in order. */
  params: string[];
}
