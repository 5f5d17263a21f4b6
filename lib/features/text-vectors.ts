import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";
import { createGunzip } from "node:zlib";
import type { Rejected } from "../io/rejected.js";
import { WordVectors } from "./word-vectors.js";

/** Options of {@link readTextVectors}. */
export interface TextVectorOptions {
  /** Read at most this many vectors (default all; GloVe files hold 400k–2M words). */
  limit?: number;
  /** Keep only these words (e.g. the template vocabulary): the rest are skipped as they stream by. */
  words?: ReadonlySet<string>;
  /** Lower-case words on reading (GloVe is lower-case already; fastText keeps case). Default false. */
  lowercase?: boolean;
}

/** Vectors read from a text file, with what was skipped. */
export interface TextVectors {
  vectors: WordVectors;
  /** `fasttext` when the file starts with a `count dim` header (fastText .vec, word2vec text), else `glove`. */
  format: "glove" | "fasttext";
  /** Lines that were not a word followed by `dim` numbers. */
  rejected: Rejected[];
  /** Lines read (header included). */
  lines: number;
  /** Duplicate words seen after their first vector (first one kept). */
  duplicates: number;
}

/**
 * Reads pre-trained word vectors in the text format of GloVe (`word v1 … vd` per line) or fastText
 * `.vec` / word2vec text (the same, after a `count dim` header), from a local path (plain or .gz).
 * The file is streamed, so `words` can pick a vocabulary's rows out of a multi-gigabyte file.
 * Malformed lines (wrong number of values, non-numbers) are rejected with the reason.
 *
 * @example
 * const glove = await readTextVectors("/data/glove.6B.100d.txt", { words: new Set(vocab) });
 * glove.vectors.dim; // 100
 */
export async function readTextVectors(path: string, options: TextVectorOptions = {}): Promise<TextVectors> {
  if (!existsSync(path)) throw new Error(`${path}: no such file (word vectors are read from a local path; nothing is downloaded)`);
  const stream = createReadStream(path);
  const input = path.endsWith(".gz") ? stream.pipe(createGunzip()) : stream;
  const rl = createInterface({ input, crlfDelay: Infinity });
  const words: string[] = [];
  const values: number[] = [];
  const seen = new Set<string>();
  const rejected: Rejected[] = [];
  let dim = -1;
  let format: TextVectors["format"] = "glove";
  let lineNo = 0;
  let duplicates = 0;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  for await (const raw of rl) {
    lineNo++;
    const line = lineNo === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    const parts = line.trimEnd().split(" ");
    if (lineNo === 1 && parts.length === 2 && /^\d+$/.test(parts[0]!) && /^\d+$/.test(parts[1]!)) {
      format = "fasttext";
      dim = Number(parts[1]);
      continue;
    }
    if (line.trim() === "") {
      rejected.push({ file: path, lineNo, reason: "blank line" });
      continue;
    }
    if (dim < 0) dim = parts.length - 1;
    if (parts.length !== dim + 1) {
      rejected.push({ file: path, lineNo, reason: `${parts.length - 1} values, expected ${dim}` });
      continue;
    }
    let word = parts[0]!;
    if (options.lowercase) word = word.toLowerCase();
    if (options.words && !options.words.has(word)) continue;
    if (seen.has(word)) {
      duplicates++;
      continue;
    }
    const row: number[] = new Array(dim);
    let bad = false;
    for (let d = 0; d < dim; d++) {
      const v = Number(parts[d + 1]);
      if (!Number.isFinite(v)) {
        bad = true;
        break;
      }
      row[d] = v;
    }
    if (bad) {
      rejected.push({ file: path, lineNo, reason: "a value is not a finite number" });
      continue;
    }
    seen.add(word);
    words.push(word);
    for (const v of row) values.push(v);
    if (words.length >= limit) break;
  }
  rl.close();
  stream.destroy();
  if (dim <= 0) throw new Error(`${path}: no vectors found (expected GloVe or fastText text format)`);
  return { vectors: new WordVectors(words, dim, Float32Array.from(values)), format, rejected, lines: lineNo, duplicates };
}
