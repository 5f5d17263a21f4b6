import { groupingF1 } from "./fga.js";
import { templateF1 } from "./fta.js";
import { groupingAccuracy } from "./grouping-accuracy.js";
import { parsingAccuracy } from "./parsing-accuracy.js";

/** The four log-parsing metrics of one parse against one ground truth. */
export interface ParsingMetrics {
  /** Grouping accuracy (logparser). */
  ga: number;
  /** Parsing accuracy (exact template match per line). */
  pa: number;
  /** F1 of grouping accuracy (Loghub-2.0). */
  fga: number;
  /** F1 of template accuracy (Loghub-2.0). */
  fta: number;
  truthTemplates: number;
  predictedTemplates: number;
}

/**
 * GA, PA, FGA and FTA at once. Lines are grouped by their template text on both sides (as
 * Loghub-2.0 does), so two clusters with the same template text are one group.
 *
 * @example
 * const m = parsingMetrics(rows.map((r) => r.eventTemplate), events.map((e) => e.template));
 */
export function parsingMetrics(truthTemplates: readonly string[], predictedTemplates: readonly string[]): ParsingMetrics {
  const g = groupingAccuracy(truthTemplates, predictedTemplates);
  const f = groupingF1(truthTemplates, predictedTemplates);
  const t = templateF1(truthTemplates, predictedTemplates);
  return {
    ga: g.ga,
    pa: parsingAccuracy(truthTemplates, predictedTemplates),
    fga: f.fga,
    fta: t.fta,
    truthTemplates: g.truthGroups,
    predictedTemplates: g.predictedGroups,
  };
}
