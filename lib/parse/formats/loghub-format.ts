import type { HeaderFormat, HeaderMatch, TimestampOptions } from "./header-format.js";
import { compileHeaderMatcher } from "./header-matcher.js";
import { epochSecondsToMillis, isoToMillis, readClock, readIsoDate, utcMillis } from "./timestamps.js";

/**
 * Header formats written in LogHub's syntax, e.g. `<Date> <Time> <Level> <Component>: <Content>`
 * (the `log_format` strings of logparser's benchmark, Zhu et al. ICSE'19).
 *
 * Semantics follow logparser's `generate_logformat_regex`: the text between `<Field>`
 * placeholders is a regular expression (so `\[`, `\|` and optional groups such as
 * `(\[<PID>\])?` work), every run of spaces in it matches any run of whitespace, every field
 * matches lazily (`.*?`), the whole is anchored, and it is applied to the trimmed line. A
 * `<Content>` field is required: it is the message handed to template mining.
 */

/** Options of {@link logFormat}. */
export interface LogFormatOptions {
  /** Registry or display name (default: the format string). */
  name?: string;
  description?: string;
  /** Field holding the level (default `Level` when present). */
  levelField?: string;
  /** Field holding the component (default `Component` when present). */
  componentField?: string;
  /** Timestamp from the values (default: {@link guessTimestamp} over the field names). */
  timestamp?: (values: readonly string[], options: TimestampOptions) => number | undefined;
  /** Patterns header fields should match; used to score plausibility in format detection. */
  fieldPatterns?: Readonly<Record<string, RegExp>>;
  /**
   * Treat the text between fields as plain text, not as a regular expression (default false,
   * LogHub's semantics). With it, `[<Thread>]` means literal brackets without escaping them.
   */
  literal?: boolean;
}

/** Escapes regex syntax in the text between `<Field>` placeholders (spaces kept as they are). */
export function escapeLogFormat(format: string): string {
  return format
    .split(/(<[^<>]+>)/)
    .map((part, k) => (k % 2 === 1 ? part : part.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")))
    .join("");
}

/** A parsed LogHub-syntax format string. */
export interface CompiledLogFormat {
  /** Header field names (Content excluded), in order. */
  fields: string[];
  /** The anchored regular expression. */
  regex: RegExp;
  /** Capture-group index of each header field and of Content. */
  groupOf: number[];
  contentGroup: number;
}

/** Capturing-group count of a regex source (unescaped `(` outside classes, not `(?:`, `(?=`, …; `(?<name>` counts). */
function countCaptures(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "(") {
      if (src[i + 1] !== "?") n++;
      else if (src[i + 2] === "<" && src[i + 3] !== "=" && src[i + 3] !== "!") n++;
    }
  }
  return n;
}

/**
 * Compiles a LogHub-syntax format string. Errors name the format: no `<Content>`, a field named
 * twice, a field left unclosed (`<Time` without `>`), or text that is not a valid regular expression.
 *
 * @example
 * compileLogFormat("<Date> <Time> <Level>: <Content>").fields; // ["Date", "Time", "Level"]
 */
export function compileLogFormat(format: string): CompiledLogFormat {
  const parts = format.split(/(<[^<>]+>)/);
  let src = "^";
  const names: string[] = [];
  const groups: number[] = [];
  let captures = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    if (k % 2 === 0) {
      // A `<Name` left in the text between fields is a field whose `>` is missing: as regex text it
      // would match only a literal "<Name", so every line would be rejected.
      const open = /(?:^|[^\\])<\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(part); // `\<` is a literal <
      if (open) throw new Error(`log format "${format}": field <${open[1]} is not closed (a "<" without its ">"; write \\< for a literal <)`);
      const lit = part.replace(/ +/g, "\\s+");
      src += lit;
      captures += countCaptures(lit);
    } else {
      const name = part.slice(1, -1).trim();
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`log format "${format}": field name "${name}" must be letters, digits or _`);
      if (names.includes(name)) throw new Error(`log format "${format}": field <${name}> appears twice`);
      names.push(name);
      src += "(.*?)";
      captures++;
      groups.push(captures);
    }
  }
  src += "$";
  const ci = names.indexOf("Content");
  if (ci < 0) throw new Error(`log format "${format}": it has no <Content> field (the message to mine templates from)`);
  let regex: RegExp;
  try {
    regex = new RegExp(src, "s");
  } catch (err) {
    throw new Error(`log format "${format}": not a valid pattern (${(err as Error).message})`);
  }
  const fields = names.filter((n) => n !== "Content");
  const groupOf = names.map((_, i) => groups[i]!).filter((_, i) => i !== ci);
  return { fields, regex, groupOf, contentGroup: groups[ci]! };
}

/**
 * A timestamp from common field names, for user formats: `Timestamp` as epoch seconds or ISO
 * 8601, or `Date` (YYYY-MM-DD, YYYY.MM.DD, YY/MM/DD, YYMMDD) with `Time` (HH:MM:SS[.fff]).
 */
export function guessTimestamp(fields: readonly string[]): ((values: readonly string[], options: TimestampOptions) => number | undefined) | undefined {
  const ts = fields.indexOf("Timestamp");
  const di = fields.indexOf("Date");
  const ti = fields.indexOf("Time");
  if (ts < 0 && (di < 0 || ti < 0)) return undefined;
  return (values) => {
    if (ts >= 0) {
      const v = values[ts]!;
      const t = epochSecondsToMillis(v) ?? isoToMillis(v);
      if (t !== undefined) return t;
    }
    if (di < 0 || ti < 0) return undefined;
    const d = values[di]!;
    const clock = readClock(values[ti]!);
    if (!clock) return undefined;
    let ymd = readIsoDate(d);
    if (!ymd && /^\d{2}\/\d{2}\/\d{2}$/.test(d)) ymd = [2000 + Number(d.slice(0, 2)), Number(d.slice(3, 5)) - 1, Number(d.slice(6, 8))];
    if (!ymd && /^\d{6}$/.test(d)) ymd = [2000 + Number(d.slice(0, 2)), Number(d.slice(2, 4)) - 1, Number(d.slice(4, 6))];
    return ymd ? utcMillis(ymd[0], ymd[1], ymd[2], ...clock) : undefined;
  };
}

/**
 * A header format from a LogHub-syntax string: the way to read your own logs.
 *
 * @example
 * const f = logFormat("<Date> <Time> <Level> \\[<Thread>\\] <Component>: <Content>", { name: "myapp" });
 * // or, without regex escapes: logFormat("<Date> <Time> <Level> [<Thread>] <Component>: <Content>", { literal: true })
 * f.parse("2024-01-02 10:00:00 INFO [main] app.Server: started in 3 s")?.content; // "started in 3 s"
 */
export function logFormat(formatText: string, options: LogFormatOptions = {}): HeaderFormat {
  const format = options.literal ? escapeLogFormat(formatText) : formatText;
  const c = compileLogFormat(format);
  const { regex, groupOf, contentGroup, fields } = c;
  const nf = fields.length;
  const levelField = options.levelField ?? (fields.includes("Level") ? "Level" : undefined);
  const componentField = options.componentField ?? (fields.includes("Component") ? "Component" : undefined);
  for (const f of [levelField, componentField]) {
    if (f !== undefined && !fields.includes(f)) throw new Error(`log format "${format}": no field <${f}>`);
  }
  const patterns = options.fieldPatterns ? Object.entries(options.fieldPatterns).map(([f, re]) => [fields.indexOf(f), re] as const) : [];
  for (const [i, _] of patterns) if (i < 0) throw new Error(`log format "${format}": fieldPatterns names a field it does not have`);
  // The memoised matcher gives the RegExp's answer without its exponential worst case; formats
  // using other regex syntax fall back to the RegExp.
  const compiled = compileHeaderMatcher(format);
  let parse: (line: string) => HeaderMatch | null;
  if (compiled) {
    const { matcher, names } = compiled;
    const idx = fields.map((f) => names.indexOf(f));
    const ci = names.indexOf("Content");
    const { starts, ends } = matcher;
    parse = (line) => {
      const s = line.trim();
      if (!matcher.match(s)) return null;
      const values = new Array<string>(nf);
      for (let i = 0; i < nf; i++) {
        const k = idx[i]!;
        values[i] = starts[k]! < 0 ? "" : s.slice(starts[k], ends[k]);
      }
      return { values, content: s.slice(starts[ci], ends[ci]) };
    };
  } else {
    parse = (line) => {
      const m = regex.exec(line.trim());
      if (m === null) return null;
      const values = new Array<string>(nf);
      for (let i = 0; i < nf; i++) values[i] = m[groupOf[i]!] ?? "";
      return { values, content: m[contentGroup] ?? "" };
    };
  }
  return {
    name: options.name ?? formatText,
    description: options.description ?? `LogHub-style format ${formatText}`,
    fields,
    levelField,
    componentField,
    parse,
    timestamp: options.timestamp ?? guessTimestamp(fields),
    specificity: fields.length + format.replace(/<[^<>]+>/g, "").replace(/[\s\\()?]/g, "").length,
    plausibility:
      patterns.length === 0
        ? undefined
        : (values) => {
            let ok = 0;
            for (const [i, re] of patterns) if (re.test(values[i]!)) ok++;
            return ok / patterns.length;
          },
  };
}
