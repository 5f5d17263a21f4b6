import { FORMAT_NAMES } from "../parse/formats/registry.js";
import { compileLogFormat } from "../parse/formats/loghub-format.js";
import { CliError } from "./cli-error.js";

/**
 * Checks a `--format` value: a known format name, `auto`, or a LogHub-style string with
 * `<Content>` that compiles (an unclosed `<Field`, a repeated field or a bad pattern is a usage
 * error here, not a run that rejects every line).
 */
export function checkFormatFlag(format: string): string {
  if (format === "auto" || (FORMAT_NAMES as readonly string[]).includes(format)) return format;
  if (!format.includes("<Content>")) {
    throw new CliError(`--format "${format}" is not a known format (${FORMAT_NAMES.join(", ")}), "auto", or a LogHub-style string with <Content>`, 2);
  }
  try {
    compileLogFormat(format);
  } catch (err) {
    throw new CliError(`--format: ${(err as Error).message}`, 2);
  }
  return format;
}

/**
 * Checks `--assume-year` (the year given to timestamps that carry none): a whole year in
 * 1970–9999, so a typo such as 1e9 or -5 is a usage error rather than a run whose every
 * timestamp is null.
 */
export function checkAssumeYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const year = Number(value);
  if (!/^\d{4}$/.test(value.trim()) || !(year >= 1970 && year <= 9999)) throw new CliError(`--assume-year must be a whole year between 1970 and 9999, got "${value}"`, 2);
  return year;
}
