/**
 * The contract every header format implements: split a raw line into named header fields and
 * the free-text content, and derive a timestamp, level and component where it can.
 */

/** The header of one line, split. `values` align with {@link HeaderFormat.fields}. */
export interface HeaderMatch {
  values: string[];
  content: string;
}

/** Options that change how timestamps are derived. */
export interface TimestampOptions {
  /**
   * Year assumed for formats whose timestamps carry none (Linux, Mac, OpenSSH, Android,
   * Proxifier, RFC 3164 syslog). Without it those lines get no timestamp.
   */
  assumeYear?: number;
}

/** A log header format: how a raw line splits into header fields and content. */
export interface HeaderFormat {
  /** Registry name (`HDFS`, `syslog-rfc5424`, …) or the user's name for a custom format. */
  readonly name: string;
  /** One line saying what it parses. */
  readonly description: string;
  /** Header field names in order, `Content` excluded. */
  readonly fields: readonly string[];
  /** Field holding the level/severity, if any. */
  readonly levelField?: string;
  /** Field holding the component/source, if any. */
  readonly componentField?: string;
  /** Splits a line; null when the line does not fit the format. Never throws. */
  parse(line: string): HeaderMatch | null;
  /**
   * Epoch milliseconds from the header values (UTC when the format carries no zone), or
   * undefined when the format or the values do not allow it.
   */
  timestamp?(values: readonly string[], options: TimestampOptions): number | undefined;
  /**
   * How well a parsed header fits (0..1), used by format detection to prefer the format whose
   * fields look right (dates that are dates, levels that are levels) over a looser one.
   */
  plausibility?(values: readonly string[]): number;
  /**
   * Breaks ties in format detection: when two formats fit equally well, the more specific one
   * (more fields and literal text, e.g. OpenSSH's `sshd[<Pid>]:` over generic syslog) wins.
   */
  readonly specificity?: number;
}
