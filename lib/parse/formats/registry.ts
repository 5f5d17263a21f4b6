import { apacheAccessCombined, apacheAccessCommon, apacheError } from "./apache.js";
import type { HeaderFormat } from "./header-format.js";
import { logFormat } from "./loghub-format.js";
import { isLoghubSystem, LOGHUB_SYSTEMS, loghubPreset } from "./loghub-presets.js";
import { syslogRfc3164, syslogRfc5424 } from "./syslog.js";

/** Formats beyond the LogHub systems. */
export const OTHER_FORMAT_NAMES = ["syslog-rfc3164", "syslog-rfc5424", "apache-access-common", "apache-access-combined", "apache-error", "raw"] as const;

/** Every built-in format name: the 16 LogHub systems, syslog, Apache, and `raw` (the whole line is the content). */
export const FORMAT_NAMES = [...LOGHUB_SYSTEMS, ...OTHER_FORMAT_NAMES] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The whole line is the content; no header fields. Detection picks it only when nothing else fits. */
export const rawFormat: HeaderFormat = {
  name: "raw",
  description: "no header: the whole line is the content",
  fields: [],
  parse: (line) => ({ values: [], content: line.trim() }),
  plausibility: () => 0.05,
};

const OTHERS: Record<(typeof OTHER_FORMAT_NAMES)[number], HeaderFormat> = {
  "syslog-rfc3164": syslogRfc3164,
  "syslog-rfc5424": syslogRfc5424,
  "apache-access-common": apacheAccessCommon,
  "apache-access-combined": apacheAccessCombined,
  "apache-error": apacheError,
  raw: rawFormat,
};

/** True when `name` is a built-in format name. */
export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/**
 * A built-in header format by name.
 *
 * @example
 * getFormat("HDFS").fields; // ["Date", "Time", "Pid", "Level", "Component"]
 */
export function getFormat(name: FormatName): HeaderFormat {
  if (isLoghubSystem(name)) return loghubPreset(name).format;
  const f = OTHERS[name as keyof typeof OTHERS];
  if (!f) throw new Error(`unknown format "${name}" (built-in: ${FORMAT_NAMES.join(", ")}; or a LogHub-style string such as "<Date> <Time> <Level>: <Content>")`);
  return f;
}

/**
 * A format from a name or a LogHub-style format string (anything containing `<Content>`), or the
 * format itself. Unknown names are an error listing the known ones.
 *
 * @example
 * resolveFormat("BGL");
 * resolveFormat("<Date> <Time> \\[<Level>\\] <Content>"); // text between fields is a regex: escape [ ]
 */
export function resolveFormat(spec: string | HeaderFormat): HeaderFormat {
  if (typeof spec !== "string") return spec;
  if (isFormatName(spec)) return getFormat(spec);
  if (spec.includes("<Content>")) return logFormat(spec, { name: "custom" });
  throw new Error(`unknown format "${spec}" (built-in: ${FORMAT_NAMES.join(", ")}; or a LogHub-style string such as "<Date> <Time> <Level>: <Content>")`);
}

/** Every built-in format with its description and fields (for help texts and notebooks). */
export function listFormats(): { name: FormatName; description: string; fields: string }[] {
  return FORMAT_NAMES.map((name) => {
    const f = getFormat(name);
    return { name, description: f.description, fields: f.fields.join(", ") };
  });
}
