import { join } from "node:path";
import { readLoghubTemplates } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { writeFileAtomic } from "../../io/atomic-write.js";
import { csvLine } from "../../io/csv.js";
import type { Rng } from "../../runtime/rng.js";
import { writeFeatureArrays } from "../../features/feature-store.js";
import { frequentRareSplit } from "../../features/frequent-rare-split.js";
import { summarizeTemplateStatistics, templateStatistics, type TemplateStatistics } from "../../features/template-statistics.js";
import { templateVectors, type TemplateVectorTable } from "../../features/template-vectors.js";
import { templateWords } from "../../features/template-words.js";
import { readTextVectors } from "../../features/text-vectors.js";
import { trainWordEmbeddings, type TrainedWordEmbeddings, type WordEmbeddingOptions } from "../../features/word-embeddings.js";

/** One ground-truth template of one system. */
export interface SystemTemplate {
  system: LoghubSystem;
  eventId: string;
  template: string;
  /** Lines with it in the 2k sample. */
  count: number;
}

/** Options of {@link buildTemplateFeatureSets}. */
export interface TemplateFeatureOptions {
  /** Systems whose templates are used (default all 16). */
  systems?: readonly LoghubSystem[];
  /** Templates with fewer lines are rare (default 10). */
  rareThreshold?: number;
  /** Word-embedding training options (default skip-gram, 32 dims, 20 epochs). */
  embedding?: WordEmbeddingOptions;
  /** Combine word vectors into template vectors by `mean` or `idf` (default idf). */
  weighting?: "mean" | "idf";
  /** A local GloVe/fastText text file to compare with (optional; nothing is downloaded). */
  pretrainedPath?: string | null;
}

/** Per-template features of the LogHub templates. */
export interface TemplateFeatureSets {
  templates: SystemTemplate[];
  /** Parallel to `templates`. */
  statistics: TemplateStatistics[];
  /** Parallel to `templates`: frequent (count ≥ threshold within its system) or rare. */
  frequent: boolean[];
  rareThreshold: number;
  embeddings: TrainedWordEmbeddings;
  /** Template vectors from the trained embeddings, parallel to `templates`. */
  vectors: TemplateVectorTable;
  /** The same from pre-trained vectors, when `pretrainedPath` was given. */
  pretrained: { path: string; words: number; dim: number; vectors: TemplateVectorTable; rejected: number } | null;
}

/**
 * Builds the template-level feature sets: per-template statistics (length, tokens, digits,
 * special characters, parameters), the frequent/rare split, word embeddings trained on the
 * template words (seeded), template vectors from them, and optionally template vectors from
 * pre-trained GloVe/fastText vectors read from a local file.
 *
 * @example
 * const t = await buildTemplateFeatureSets(new Rng(42), { embedding: { dim: 32 } });
 * t.embeddings.vectors.mostSimilar("failed", 5);
 */
export async function buildTemplateFeatureSets(rng: Rng, options: TemplateFeatureOptions = {}): Promise<TemplateFeatureSets> {
  const systems = options.systems ?? LOGHUB_SYSTEMS;
  const rareThreshold = options.rareThreshold ?? 10;
  const templates: SystemTemplate[] = systems.flatMap((system) => readLoghubTemplates(system).map((t) => ({ system, eventId: t.eventId, template: t.eventTemplate, count: t.occurrences })));
  const statistics = templateStatistics(templates);
  const frequentSet = new Set<string>();
  for (const system of systems) {
    const s = frequentRareSplit(
      templates.filter((t) => t.system === system).map((t) => ({ template: t.template, count: t.count })),
      rareThreshold,
    );
    for (const f of s.frequent) frequentSet.add(`${system}\u0000${f.template}`);
  }
  const frequent = templates.map((t) => frequentSet.has(`${t.system}\u0000${t.template}`));
  const embeddings = trainWordEmbeddings(
    templates.map((t) => templateWords(t.template)),
    rng.fork("word-embeddings"),
    { mode: "skipgram", dim: 32, epochs: 20, ...(options.embedding ?? {}) },
  );
  const texts = templates.map((t) => t.template);
  const vectors = templateVectors(texts, embeddings.vectors, { weighting: options.weighting ?? "idf" });
  let pretrained: TemplateFeatureSets["pretrained"] = null;
  if (options.pretrainedPath) {
    const vocab = new Set(texts.flatMap((t) => templateWords(t)));
    const read = await readTextVectors(options.pretrainedPath, { words: vocab, lowercase: true });
    pretrained = { path: options.pretrainedPath, words: read.vectors.size, dim: read.vectors.dim, vectors: templateVectors(texts, read.vectors, { weighting: options.weighting ?? "idf" }), rejected: read.rejected.length };
  }
  return { templates, statistics, frequent, rareThreshold, embeddings, vectors, pretrained };
}

/** One row of the template-feature table. */
export type TemplateFeatureRow = {
  system: string;
  templates: number;
  frequent: number;
  rare: number;
  "length mean": number;
  "tokens mean": number;
  "params mean": number;
  "params max": number;
  "digits mean": number;
  "special chars mean": number;
  "words with a vector": number;
  /** Null when no pre-trained vectors were given. */
  "words with a pre-trained vector": number | null;
};

/** Per-system summary rows: template statistics (means/medians), frequent/rare counts, embedding coverage. */
export function templateFeatureRows(sets: TemplateFeatureSets): TemplateFeatureRow[] {
  const systems = [...new Set(sets.templates.map((t) => t.system))];
  return systems.map((system) => {
    const idx = sets.templates.map((t, i) => (t.system === system ? i : -1)).filter((i) => i >= 0);
    const s = summarizeTemplateStatistics(idx.map((i) => sets.statistics[i]!), system);
    const known = idx.reduce((a, i) => a + sets.vectors.coverage[i]!.known, 0);
    const total = idx.reduce((a, i) => a + sets.vectors.coverage[i]!.total, 0);
    return {
      system,
      templates: idx.length,
      frequent: idx.filter((i) => sets.frequent[i]).length,
      rare: idx.filter((i) => !sets.frequent[i]).length,
      "length mean": s["length mean"],
      "tokens mean": s["tokens mean"],
      "params mean": s["params mean"],
      "params max": s["params max"],
      "digits mean": s["digits mean"],
      "special chars mean": s["specialChars mean"],
      "words with a vector": total ? known / total : 0,
      "words with a pre-trained vector": sets.pretrained ? coverageShare(sets.pretrained.vectors, idx) : null,
    };
  });
}

function coverageShare(table: TemplateVectorTable, idx: readonly number[]): number {
  const known = idx.reduce((a, i) => a + table.coverage[i]!.known, 0);
  const total = idx.reduce((a, i) => a + table.coverage[i]!.total, 0);
  return total ? known / total : 0;
}

/** One probe word and its nearest neighbours. */
export type EmbeddingNeighbourRow = { word: string; count: number; neighbours: string };

/** Nearest neighbours of probe words in the trained embeddings (one row per probe). */
export function embeddingNeighbourRows(sets: TemplateFeatureSets, probes: readonly string[], k = 5): EmbeddingNeighbourRow[] {
  return probes.map((word) => ({
    word,
    count: sets.embeddings.counts[sets.embeddings.vectors.words.indexOf(word)] ?? 0,
    neighbours: sets.embeddings.vectors.has(word) ? sets.embeddings.vectors.mostSimilar(word, k).map((n) => `${n.word} (${n.similarity.toFixed(2)})`).join(", ") : "(not in the vocabulary)",
  }));
}

/**
 * Saves the template feature sets under `dir`: `templates.csv` (system, EventId, template, count,
 * frequent, statistics; row i = vector row i), `word-vectors.vec` (fastText text format),
 * `template-vectors.{bin,json}` (float32 rows), and `template-vectors-pretrained.{bin,json}` when
 * pre-trained vectors were used. Returns the paths relative to `dir`.
 */
export function saveTemplateFeatureSets(sets: TemplateFeatureSets, dir: string): string[] {
  const header = ["row", "system", "EventId", "EventTemplate", "count", "frequent", "length", "tokens", "words", "digits", "special_chars", "params"];
  const lines = [csvLine(header)];
  sets.templates.forEach((t, i) => {
    const s = sets.statistics[i]!;
    lines.push(csvLine([i, t.system, t.eventId, t.template, t.count, sets.frequent[i] ? 1 : 0, s.length, s.tokens, s.words, s.digits, s.specialChars, s.params]));
  });
  writeFileAtomic(join(dir, "templates.csv"), lines.join("\n") + "\n");
  writeFileAtomic(join(dir, "word-vectors.vec"), sets.embeddings.vectors.toText());
  const out = ["templates.csv", "word-vectors.vec"];
  writeFeatureArrays(dir, "template-vectors", { vectors: sets.vectors.vectors }, { rows: sets.templates.length, dim: sets.vectors.dim, rowsFile: "templates.csv", embedding: sets.embeddings.options, tokensPerEpoch: sets.embeddings.tokensPerEpoch });
  out.push("template-vectors.json", "template-vectors.bin");
  if (sets.pretrained) {
    writeFeatureArrays(dir, "template-vectors-pretrained", { vectors: sets.pretrained.vectors.vectors }, { rows: sets.templates.length, dim: sets.pretrained.dim, source: sets.pretrained.path });
    out.push("template-vectors-pretrained.json", "template-vectors-pretrained.bin");
  }
  return out;
}
