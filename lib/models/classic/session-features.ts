import { countMatrix, KeyVocabulary, type KeyVocabularyJson } from "../../features/count-matrix.js";
import { CountTransform, type CountNormalization, type CountTransformJson, type TermWeighting } from "../../features/tfidf.js";

/** How sessions become feature rows (loglizer's `FeatureExtractor` settings). */
export interface SessionFeatureOptions {
  termWeighting: TermWeighting;
  normalization: CountNormalization;
  /** Sessions a key must occur in to get its own column (rarer keys count as out-of-vocabulary). */
  minCount: number;
}

/** A saved {@link SessionFeatures}. */
export interface SessionFeaturesJson {
  vocabulary: KeyVocabularyJson;
  transform: CountTransformJson;
}

/**
 * Session → feature-row pipeline fit on training sessions only: an event-count matrix over the
 * training vocabulary (plus an out-of-vocabulary column), then tf-idf / zero-mean / sigmoid.
 *
 * @example
 * const f = SessionFeatures.fit(train.sequences, { termWeighting: "tf-idf", normalization: "zero-mean", minCount: 1 });
 * const { rows, oovSessions } = f.transform(test.sequences);
 */
export class SessionFeatures {
  private constructor(
    readonly vocabulary: KeyVocabulary,
    readonly transformer: CountTransform,
  ) {}

  static fit(sequences: readonly (readonly number[])[], options: SessionFeatureOptions): SessionFeatures {
    const vocabulary = KeyVocabulary.fit(sequences, { minCount: options.minCount });
    const { matrix } = countMatrix(sequences, vocabulary);
    const transformer = CountTransform.fit(matrix, { termWeighting: options.termWeighting, normalization: options.normalization });
    return new SessionFeatures(vocabulary, transformer);
  }

  static fromJSON(json: SessionFeaturesJson): SessionFeatures {
    return new SessionFeatures(KeyVocabulary.fromJSON(json.vocabulary), CountTransform.fromJSON(json.transform));
  }

  /** Feature rows of sessions, with how many sessions held keys outside the training vocabulary. */
  transform(sequences: readonly (readonly number[])[]): { rows: Float64Array[]; oovSessions: number; oovOccurrences: number } {
    const { matrix, oov } = countMatrix(sequences, this.vocabulary);
    return { rows: this.transformer.transform(matrix), oovSessions: oov.sessions, oovOccurrences: oov.occurrences };
  }

  toJSON(): SessionFeaturesJson {
    return { vocabulary: this.vocabulary.toJSON(), transform: this.transformer.toJSON() };
  }
}
