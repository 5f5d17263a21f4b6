import { FORMAT_NAMES } from "../parse/formats/registry.js";
import { CliError } from "./cli-error.js";

/** Checks a `--format` value: a known format name, `auto`, or a LogHub-style string with `<Content>`. */
export function checkFormatFlag(format: string): string {
  if (format !== "auto" && !(FORMAT_NAMES as readonly string[]).includes(format) && !format.includes("<Content>")) {
    throw new CliError(`--format "${format}" is not a known format (${FORMAT_NAMES.join(", ")}), "auto", or a LogHub-style string with <Content>`, 2);
  }
  return format;
}
