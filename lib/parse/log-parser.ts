import type { Rejected } from "../io/rejected.js";
import type { DrainOptions } from "./drain/drain.js";
import { TemplateMiner, type MinerMode, type TemplateMinerConfig } from "./drain/template-miner.js";
import type { HeaderFormat, HeaderMatch, TimestampOptions } from "./formats/header-format.js";
import { isLoghubSystem, loghubPreset, type LoghubSystem } from "./formats/loghub-presets.js";
import { resolveFormat } from "./formats/registry.js";
import type { LogRecord, ParsedLog } from "./log-record.js";
import { DEFAULT_MASKING_RULES, type MaskingRule } from "./masking.js";

/**
 * The line-level parser: header format → {@link LogRecord}, then template mining →
 * {@link ParsedLog}. File reading lives in `parse-file.ts`; this part is synchronous and has no
 * I/O, so tests, notebooks and the CLI share it.
 */

/** How to parse: a format (or preset) and miner settings. All fields optional. */
export interface ParseOptions {
  /**
   * A built-in format name (`HDFS`, `syslog-rfc5424`, `apache-error`, …), a LogHub-style format
   * string (`<Date> <Time> <Level>: <Content>`), a {@link HeaderFormat}, or `auto` (default:
   * detect from the first lines). A LogHub system name is a preset: it also brings that system's
   * masks and Drain settings (depth, similarity threshold) unless given here.
   */
  format?: string | HeaderFormat;
  /** A LogHub preset whose masks and Drain settings to use, whatever the format. */
  preset?: LoghubSystem;
  /** `loglab` (normalised templates; default) or `drain` (plain logparser Drain output). */
  mode?: MinerMode;
  /** Drain settings; override the preset's. */
  drain?: Partial<DrainOptions>;
  /**
   * Masking rules, or `preset` (the LogHub preset's regexes; the default when there is one),
   * `default` (named IP/NUM/HEX/UUID masks; the default otherwise) or `none`.
   */
  masking?: readonly MaskingRule[] | "preset" | "default" | "none";
  /** Your own masking rules, applied first (in order), before those of `masking`. */
  masksBefore?: readonly MaskingRule[];
  /** Placeholder of every mask: `<:NAME:>` (default: each rule's own, see `maskPlaceholder`) or `<*>` (all rules write `<*>`). */
  placeholder?: "<*>" | "<:NAME:>";
  /** Extra single-character token delimiters (Drain3 `extra_delimiters`). */
  extraDelimiters?: readonly string[];
  /** `loglab` mode: split wildcards with at most this many distinct digit-free words (0 disables; default 4). */
  splitMaxValues?: number;
  /** Year for formats whose timestamps have none (syslog, Linux, Mac, …). */
  assumeYear?: number;
  /** Continue from an existing miner (e.g. one restored from a saved state) instead of a fresh one. */
  miner?: TemplateMiner;
}

/** The resolved pieces: format, miner settings and where they came from. */
export interface ResolvedParseSetup {
  format: HeaderFormat;
  /** The LogHub preset used, if any. */
  preset: LoghubSystem | null;
  minerConfig: Partial<TemplateMinerConfig>;
  timestampOptions: TimestampOptions;
}

/** Resolves a format (never `auto` here; detection needs lines, see `parseFile`) and miner settings. */
export function resolveParseSetup(format: string | HeaderFormat, options: ParseOptions = {}): ResolvedParseSetup {
  const f = resolveFormat(format);
  const preset: LoghubSystem | null = options.preset ?? (typeof format === "string" && isLoghubSystem(format) ? format : null);
  const p = preset ? loghubPreset(preset) : null;
  let masking: readonly MaskingRule[];
  const m = options.masking ?? (p ? "preset" : "default");
  if (m === "preset") {
    if (!p) throw new Error(`masking "preset" needs a LogHub preset (format ${f.name} is not one; pass preset: "HDFS", …)`);
    masking = p.masks.map((pattern) => ({ name: "*", pattern }));
  } else if (m === "default") masking = DEFAULT_MASKING_RULES;
  else if (m === "none") masking = [];
  else masking = m;
  if (options.masksBefore?.length) masking = [...options.masksBefore, ...masking];
  if (options.placeholder === "<*>") masking = masking.map((r) => ({ ...r, name: "*" }));
  const drain: Partial<DrainOptions> = { ...(p ? { depth: p.depth, simThreshold: p.st } : {}), ...(options.drain ?? {}) };
  return {
    format: f,
    preset,
    minerConfig: {
      mode: options.mode ?? "loglab",
      drain,
      masking,
      extraDelimiters: options.extraDelimiters ?? [],
      ...(options.splitMaxValues !== undefined ? { splitMaxValues: options.splitMaxValues } : {}),
    },
    timestampOptions: { assumeYear: options.assumeYear },
  };
}

/**
 * Splits lines into records with a header format, rejecting (with a reason) lines that do not
 * fit. One instance per input file.
 */
export class RecordReader {
  private readonly levelIdx: number;
  private readonly componentIdx: number;
  private readonly fields: readonly string[];

  /** Builds the fields object from the values in one object literal (a fixed shape; see fieldsBuilder). */
  private readonly makeFields: (values: readonly string[]) => Record<string, string>;

  constructor(
    readonly format: HeaderFormat,
    readonly file: string,
    private readonly tsOptions: TimestampOptions = {},
  ) {
    this.makeFields = fieldsBuilder(format.fields);
    this.fields = format.fields;
    this.levelIdx = format.levelField ? format.fields.indexOf(format.levelField) : -1;
    this.componentIdx = format.componentField ? format.fields.indexOf(format.componentField) : -1;
  }

  /** The line's header match, or the reason the line is rejected. Never throws. */
  private header(line: string): HeaderMatch | string {
    let m;
    try {
      m = this.format.parse(line);
    } catch (err) {
      return `header parser failed (${(err as Error).message})`;
    }
    if (m === null) return line.trim() === "" ? "empty line" : `header does not match format ${this.format.name}`;
    return m;
  }

  /**
   * The line's content (its header match), or the reject reason: what {@link read} decides,
   * without building fields or parsing the timestamp (neither rejects a line): the first pass of
   * a two-pass parse needs only the content.
   */
  contentOf(line: string): HeaderMatch | string {
    return this.header(line);
  }

  /** A record for the line, or a reject reason string. Never throws. */
  read(line: string, lineNo: number): LogRecord | string {
    const m = this.header(line);
    if (typeof m === "string") return m;
    const values = m.values;
    const rec: LogRecord = { file: this.file, lineNo, content: m.content, fields: this.makeFields(values) };
    const ts = this.format.timestamp ? this.format.timestamp(values, this.tsOptions) : undefined;
    if (ts !== undefined) rec.timestamp = ts;
    if (this.levelIdx >= 0 && values[this.levelIdx] !== "") rec.level = values[this.levelIdx];
    if (this.componentIdx >= 0 && values[this.componentIdx] !== "") rec.component = values[this.componentIdx];
    return rec;
  }

  /**
   * Like {@link read}, but the record already has the shape of a {@link ParsedLog} (every key
   * present, missing optional ones `undefined`, template fields empty) so that filling in the
   * template later does not reshape the object: the streaming parser's hot path.
   */
  readEvent(line: string, lineNo: number): ParsedLog | string {
    const m = this.header(line);
    if (typeof m === "string") return m;
    const values = m.values;
    const fields = this.makeFields(values);
    const ts = this.format.timestamp ? this.format.timestamp(values, this.tsOptions) : undefined;
    const level = this.levelIdx >= 0 && values[this.levelIdx] !== "" ? values[this.levelIdx] : undefined;
    const component = this.componentIdx >= 0 && values[this.componentIdx] !== "" ? values[this.componentIdx] : undefined;
    return { file: this.file, lineNo, timestamp: ts, level, component, content: m.content, fields, templateId: "", template: "", params: NO_PARAMS };
  }
}

const NO_PARAMS: string[] = [];

/**
 * A function that turns header values into the fields object with one object literal, so every
 * record of a format shares one hidden class (assigning keys in a loop is several times slower
 * on the per-line path). Field names are embedded as JSON string literals.
 */
function fieldsBuilder(names: readonly string[]): (values: readonly string[]) => Record<string, string> {
  const body = `return {${names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(", ")}};`;
  return new Function("v", body) as (values: readonly string[]) => Record<string, string>;
}

/** A template with how many parsed lines carry it (a type alias, so it passes as a table row). */
export type TemplateCount = {
  templateId: string;
  template: string;
  count: number;
};

/** The order of template tables: most frequent first, ties by template text. */
export function compareTemplateCounts(a: TemplateCount, b: TemplateCount): number {
  return b.count - a.count || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0);
}

/** Template counts of parsed events, most frequent first (ties by template text). */
export function countTemplates(events: readonly Pick<ParsedLog, "templateId" | "template">[]): TemplateCount[] {
  const byId = new Map<string, TemplateCount>();
  for (const e of events) {
    const t = byId.get(e.templateId);
    if (t) t.count++;
    else byId.set(e.templateId, { templateId: e.templateId, template: e.template, count: 1 });
  }
  return [...byId.values()].sort(compareTemplateCounts);
}

/**
 * The second pass of a two-pass parse: each record (new objects; records are not changed) with
 * its cluster's final template and parameters, `clusterIds[i]` being the cluster the first pass
 * put `records[i]` in.
 */
export function withFinalTemplates(miner: TemplateMiner, records: readonly LogRecord[], clusterIds: ArrayLike<number>): ParsedLog[] {
  const events = new Array<ParsedLog>(records.length);
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    const a = miner.assign(r.content, clusterIds[i]!);
    events[i] = { ...r, templateId: a.templateId, template: a.template, params: a.params };
  }
  return events;
}

/** The result of parsing lines held in memory. */
export interface ParsedLines {
  events: ParsedLog[];
  rejects: Rejected[];
  templates: TemplateCount[];
  miner: TemplateMiner;
  format: HeaderFormat;
}

/**
 * Parses lines held in memory with a known format, in two passes (all lines are mined first,
 * then each gets its cluster's final template, so early lines are not left with a template that
 * later lines generalised). Lines are numbered from `firstLineNo` (default 1).
 *
 * @example
 * const { events, rejects } = parseLines(lines, { format: "HDFS" });
 */
export function parseLines(lines: readonly string[], options: ParseOptions & { format: string | HeaderFormat; file?: string; firstLineNo?: number }): ParsedLines {
  const setup = resolveParseSetup(options.format, options);
  const miner = options.miner ?? new TemplateMiner(setup.minerConfig);
  const reader = new RecordReader(setup.format, options.file ?? "(memory)", setup.timestampOptions);
  const records: LogRecord[] = [];
  const rejects: Rejected[] = [];
  const first = options.firstLineNo ?? 1;
  lines.forEach((line, i) => {
    const r = reader.read(line, first + i);
    if (typeof r === "string") rejects.push({ file: reader.file, lineNo: first + i, reason: r });
    else records.push(r);
  });
  const ids = miner.fit(records.map((r) => r.content));
  const events = withFinalTemplates(miner, records, ids);
  return { events, rejects, templates: countTemplates(events), miner, format: setup.format };
}
