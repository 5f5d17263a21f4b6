import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Rejected } from "../io/rejected.js";
import { HttpRequestFeaturizer, type HttpRequestFeaturizerJson } from "../features/http-request-tokens.js";
import { parseAccessLines } from "../features/http-requests.js";
import { LineTokenizer, type LineTokenizerJson } from "../text/line-tokens.js";

/**
 * How raw log lines become the integer sessions every registered model reads, for a model
 * trained on raw text rather than on key files: HTTP access-log requests as feature tokens, or
 * log lines (windows of lines) as word tokens. Saved beside the model (`raw-input.json`, covered
 * by the card's checksums), so `loglab detect` / `loglab infer` turn a raw file into the same
 * sessions the model was trained on.
 */
export type RawInput = { kind: "http-access"; featurizer: HttpRequestFeaturizer } | { kind: "text-lines"; tokenizer: LineTokenizer };

/** The file name in a model folder. */
export const RAW_INPUT_FILE = "raw-input.json";

/** A saved {@link RawInput}. */
export type RawInputJson = { format: "loglab.raw-input"; version: 1 } & ({ kind: "http-access"; featurizer: HttpRequestFeaturizerJson } | { kind: "text-lines"; tokenizer: LineTokenizerJson });

export function rawInputToJson(input: RawInput): RawInputJson {
  return input.kind === "http-access"
    ? { format: "loglab.raw-input", version: 1, kind: "http-access", featurizer: input.featurizer.toJSON() }
    : { format: "loglab.raw-input", version: 1, kind: "text-lines", tokenizer: input.tokenizer.toJSON() };
}

export function rawInputFromJson(json: RawInputJson, source: string): RawInput {
  if (json?.format !== "loglab.raw-input" || json.version !== 1) throw new Error(`${source}: not a loglab raw-input v1 file`);
  if (json.kind === "http-access") return { kind: "http-access", featurizer: HttpRequestFeaturizer.fromJSON(json.featurizer) };
  if (json.kind === "text-lines") return { kind: "text-lines", tokenizer: LineTokenizer.fromJSON(json.tokenizer) };
  throw new Error(`${source}: unknown raw-input kind "${String((json as { kind?: unknown }).kind)}"`);
}

/** The raw input a model folder was trained on, or null for a model of key files. */
export function readRawInput(dir: string): RawInput | null {
  const path = join(dir, RAW_INPUT_FILE);
  if (!existsSync(path)) return null;
  return rawInputFromJson(JSON.parse(readFileSync(path, "utf8")) as RawInputJson, path);
}

/** Raw lines as items to score: sessions, the 1-based line range of each, and the lines that are no item. */
export interface RawItems {
  sequences: number[][];
  lines: [number, number][];
  rejected: Rejected[];
}

/**
 * Turns raw lines (in file order) into the sessions of a model's raw input: each access-log
 * request, or each line / window of non-blank lines. Blank lines and lines that are not requests
 * are rejected with the reason.
 */
export function rawLinesToItems(input: RawInput, lines: readonly string[], file: string): RawItems {
  const rejected: Rejected[] = [];
  const kept: string[] = [];
  const lineNos: number[] = [];
  lines.forEach((l, i) => {
    if (l.trim() === "") rejected.push({ file, lineNo: i + 1, reason: "blank line" });
    else {
      kept.push(l);
      lineNos.push(i + 1);
    }
  });
  if (input.kind === "http-access") {
    const parsed = parseAccessLines(kept, file);
    for (const r of parsed.rejected) rejected.push({ ...r, lineNo: lineNos[r.lineNo - 1]! });
    const sequences = input.featurizer.transform(parsed.requests);
    return { sequences, lines: parsed.requests.map((r) => [lineNos[r.lineNo - 1]!, lineNos[r.lineNo - 1]!]), rejected: rejected.sort((a, b) => a.lineNo - b.lineNo) };
  }
  const items = input.tokenizer.transform(kept);
  return { sequences: items.sequences, lines: items.spans.map(([a, b]) => [lineNos[a]!, lineNos[b]!]), rejected };
}
