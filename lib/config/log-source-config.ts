/**
 * One configuration file per log source (`loglab.json`): the format, the masking rules, the Drain
 * settings and the session rule a team keeps for one kind of log, read by `loglab parse`,
 * `loglab sessions` and the live-detection command. It plays the part of Drain3's `drain3.ini`
 * (masking instructions, `sim_th`, `depth`, `max_children`, `max_clusters`, `extra_delimiters`,
 * `parametrize_numeric_tokens`), as JSON validated here: every error names the file and the key.
 *
 * The file maps onto command-line flags ({@link configFlagDefaults}): a command starts from the
 * file's values and its own flags override them, so the file never means anything a flag cannot.
 */
import { readFileSync } from "node:fs";
import { Masker, type MaskingRule } from "../parse/masking.js";

/** A validated log-source configuration. Every key is optional. */
export interface LogSourceConfig {
  /** A format name or a LogHub-style format string (as `--format`). */
  format?: string;
  /** `loglab` or `drain` (as `--mode`). */
  mode?: "loglab" | "drain";
  /** Year for timestamps that carry none (as `--assume-year`). */
  assumeYear?: number;
  /** Your masking rules, applied in order before the default ones (as repeated `--mask NAME=REGEX`). */
  masks?: { name: string; pattern: string }[];
  /** false: no default masks, only `masks` (as `--no-default-masks`); default true. */
  defaultMasks?: boolean;
  /** `<*>` or `<:NAME:>` (as `--mask-placeholder`). */
  maskPlaceholder?: "<*>" | "<:NAME:>";
  /** Drain settings (Drain3 names in brackets). */
  drain?: {
    /** Similarity threshold (`sim_th`; `--st`). */
    st?: number;
    /** Tree depth (`depth`; `--depth`). */
    depth?: number;
    /** (`max_children`; `--max-children`). */
    maxChildren?: number;
    /** LRU bound on clusters, 0 = none (`max_clusters`; `--max-clusters`). */
    maxClusters?: number;
    /** Extra single-character delimiters, as one string (`extra_delimiters`; `--extra-delimiters`). */
    extraDelimiters?: string;
    /** (`parametrize_numeric_tokens`; `--parametrize-numeric-tokens`). */
    parametrizeNumericTokens?: boolean;
    /** `logparser` or `drain3` (`--tree-walk`). */
    treeWalk?: "logparser" | "drain3";
  };
  /** Session rule: a regex over the content whose matches are session ids (as `--session-id`). */
  sessionPattern?: string;
  /** Session rule: a header field holding the session id (as `--session-field`). */
  sessionField?: string;
  /** Session rule: seconds of silence that close a session (as `--session-timeout`). */
  sessionTimeout?: number;
}

const TOP = ["format", "mode", "assumeYear", "masks", "defaultMasks", "maskPlaceholder", "drain", "sessionPattern", "sessionField", "sessionTimeout"] as const;
const DRAIN = ["st", "depth", "maxChildren", "maxClusters", "extraDelimiters", "parametrizeNumericTokens", "treeWalk"] as const;

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Checks a parsed configuration object; `source` (the file) names every error:
 * `loglab.json: "drain.st" must be a number in [0, 1], got "high"`.
 */
export function validateLogSourceConfig(value: unknown, source: string): LogSourceConfig {
  const fail = (key: string, what: string, got: unknown): never => {
    throw new Error(`${source}: "${key}" ${what}, got ${JSON.stringify(got)}`);
  };
  if (!isObject(value)) throw new Error(`${source}: the configuration must be a JSON object, got ${Array.isArray(value) ? "an array" : JSON.stringify(value)}`);
  for (const k of Object.keys(value)) if (!(TOP as readonly string[]).includes(k)) throw new Error(`${source}: unknown key "${k}" (known: ${TOP.join(", ")})`);
  const out: LogSourceConfig = {};
  const str = (key: string, v: unknown): string => (typeof v === "string" && v.length > 0 ? v : fail(key, "must be a non-empty string", v));
  const num = (key: string, v: unknown, ok: (n: number) => boolean, what: string): number => (typeof v === "number" && Number.isFinite(v) && ok(v) ? v : fail(key, `must be ${what}`, v));
  const bool = (key: string, v: unknown): boolean => (typeof v === "boolean" ? v : fail(key, "must be true or false", v));
  if (value.format !== undefined) {
    out.format = str("format", value.format);
  }
  if (value.mode !== undefined) out.mode = value.mode === "loglab" || value.mode === "drain" ? value.mode : fail("mode", 'must be "loglab" or "drain"', value.mode);
  if (value.assumeYear !== undefined) out.assumeYear = num("assumeYear", value.assumeYear, (n) => Number.isInteger(n) && n >= 1970 && n <= 9999, "a whole year between 1970 and 9999");
  if (value.masks !== undefined) {
    if (!Array.isArray(value.masks)) fail("masks", "must be an array of {name, pattern}", value.masks);
    out.masks = (value.masks as unknown[]).map((m, i) => {
      const key = `masks[${i}]`;
      if (!isObject(m)) return fail(key, "must be an object {name, pattern}", m);
      for (const k of Object.keys(m)) if (k !== "name" && k !== "pattern") throw new Error(`${source}: "${key}" has an unknown key "${k}" (known: name, pattern)`);
      const rule = { name: str(`${key}.name`, m.name), pattern: str(`${key}.pattern`, m.pattern) };
      try {
        new Masker([rule]);
      } catch (err) {
        throw new Error(`${source}: "${key}": ${(err as Error).message}`);
      }
      return rule;
    });
  }
  if (value.defaultMasks !== undefined) out.defaultMasks = bool("defaultMasks", value.defaultMasks);
  if (value.maskPlaceholder !== undefined) out.maskPlaceholder = value.maskPlaceholder === "<*>" || value.maskPlaceholder === "<:NAME:>" ? value.maskPlaceholder : fail("maskPlaceholder", 'must be "<*>" or "<:NAME:>"', value.maskPlaceholder);
  if (value.drain !== undefined) {
    const d = value.drain;
    if (!isObject(d)) return fail("drain", "must be an object", d);
    for (const k of Object.keys(d)) if (!(DRAIN as readonly string[]).includes(k)) throw new Error(`${source}: unknown key "drain.${k}" (known: ${DRAIN.join(", ")})`);
    const o: NonNullable<LogSourceConfig["drain"]> = {};
    if (d.st !== undefined) o.st = num("drain.st", d.st, (n) => n >= 0 && n <= 1, "a number in [0, 1]");
    if (d.depth !== undefined) o.depth = num("drain.depth", d.depth, (n) => Number.isInteger(n) && n >= 3, "an integer ≥ 3");
    if (d.maxChildren !== undefined) o.maxChildren = num("drain.maxChildren", d.maxChildren, (n) => Number.isInteger(n) && n >= 2, "an integer ≥ 2");
    if (d.maxClusters !== undefined) o.maxClusters = num("drain.maxClusters", d.maxClusters, (n) => Number.isInteger(n) && n >= 0, "an integer ≥ 0 (0: no limit)");
    if (d.extraDelimiters !== undefined) o.extraDelimiters = typeof d.extraDelimiters === "string" && !/\s/.test(d.extraDelimiters) ? d.extraDelimiters : fail("drain.extraDelimiters", "must be a string of delimiter characters (no whitespace), e.g. \"=,\"", d.extraDelimiters);
    if (d.parametrizeNumericTokens !== undefined) o.parametrizeNumericTokens = bool("drain.parametrizeNumericTokens", d.parametrizeNumericTokens);
    if (d.treeWalk !== undefined) o.treeWalk = d.treeWalk === "logparser" || d.treeWalk === "drain3" ? d.treeWalk : fail("drain.treeWalk", 'must be "logparser" or "drain3"', d.treeWalk);
    out.drain = o;
  }
  if (value.sessionPattern !== undefined) {
    out.sessionPattern = str("sessionPattern", value.sessionPattern);
    try {
      new RegExp(out.sessionPattern, "g");
    } catch (err) {
      throw new Error(`${source}: "sessionPattern" is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  if (value.sessionField !== undefined) out.sessionField = str("sessionField", value.sessionField);
  if (value.sessionTimeout !== undefined) out.sessionTimeout = num("sessionTimeout", value.sessionTimeout, (n) => n > 0, "a positive number of seconds");
  return out;
}

/** Reads and validates a configuration file (errors name the file, and the key or the JSON error). */
export function readLogSourceConfig(path: string): LogSourceConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    throw new Error(`could not read the configuration ${path}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
  }
  return validateLogSourceConfig(parsed, path);
}

/**
 * The command-line flags a configuration stands for, as a parsed-flags map (flag name without
 * `--` → values; a boolean flag's value is "true"). A command uses these as defaults for the
 * flags it was not given. `--mask` values are `NAME=REGEX`, in the file's order.
 *
 * @example
 * configFlagDefaults({ format: "OpenSSH", masks: [{ name: "PID", pattern: "\\d+" }], sessionField: "Pid" });
 * // Map { "format" => ["OpenSSH"], "mask" => ["PID=\\d+"], "session-field" => ["Pid"] }
 */
export function configFlagDefaults(config: LogSourceConfig): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const put = (flag: string, v: string | number | boolean | undefined): void => {
    if (v !== undefined) out.set(flag, [String(v)]);
  };
  put("format", config.format);
  put("mode", config.mode);
  put("assume-year", config.assumeYear);
  if (config.masks?.length) out.set("mask", config.masks.map((m) => `${m.name}=${m.pattern}`));
  if (config.defaultMasks === false) out.set("no-default-masks", ["true"]);
  put("mask-placeholder", config.maskPlaceholder);
  const d = config.drain ?? {};
  put("st", d.st);
  put("depth", d.depth);
  put("max-children", d.maxChildren);
  put("max-clusters", d.maxClusters);
  put("extra-delimiters", d.extraDelimiters);
  put("parametrize-numeric-tokens", d.parametrizeNumericTokens);
  put("tree-walk", d.treeWalk);
  put("session-id", config.sessionPattern);
  put("session-field", config.sessionField);
  put("session-timeout", config.sessionTimeout);
  return out;
}

/** The masking rule a `--mask NAME=REGEX` value stands for (the name before the first `=`). */
export function maskRuleOf(value: string): MaskingRule | null {
  const eq = value.indexOf("=");
  if (eq <= 0) return null;
  return { name: value.slice(0, eq), pattern: value.slice(eq + 1) };
}
