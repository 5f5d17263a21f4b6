import { readLoghubStructured } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { tallyTemplates, frequentRareSplit, type TemplateTally } from "../../features/frequent-rare-split.js";

/** Lines per ground-truth template of one LogHub system. */
export interface SystemTemplateCounts {
  system: LoghubSystem;
  /** Most frequent first. */
  counts: TemplateTally[];
}

/**
 * Template counts of LogHub 2k systems from their ground-truth templates (original, or the
 * corrected ones of Khan et al.).
 *
 * @example
 * loghubTemplateCounts(["HDFS"])[0].counts.length; // 14
 */
export function loghubTemplateCounts(systems: readonly LoghubSystem[] = LOGHUB_SYSTEMS, options: { corrected?: boolean } = {}): SystemTemplateCounts[] {
  return systems.map((system) => ({ system, counts: tallyTemplates(readLoghubStructured(system, { corrected: options.corrected === true }).map((r) => r.eventTemplate)) }));
}

/** One row of the frequent/rare table (the threshold is in the table's title and `threshold` column). */
export type FrequentRareRow = {
  system: string;
  templates: number;
  threshold: number;
  frequent: number;
  rare: number;
  "seen once": number;
  "lines in rare templates": number;
  "rare line share": number;
};

/**
 * The frequent/rare split of each system as table rows: templates, frequent (at least `threshold`
 * lines) and rare templates, the share of lines in rare templates, and templates seen once.
 */
export function frequentRareRows(perSystem: readonly { system: string; counts: readonly TemplateTally[] }[], threshold: number): FrequentRareRow[] {
  return perSystem.map(({ system, counts }) => {
    const s = frequentRareSplit(counts, threshold);
    const lines = s.frequentLines + s.rareLines;
    return {
      system,
      templates: counts.length,
      threshold,
      frequent: s.frequent.length,
      rare: s.rare.length,
      "seen once": counts.filter((c) => c.count === 1).length,
      "lines in rare templates": s.rareLines,
      "rare line share": lines ? s.rareLines / lines : 0,
    };
  });
}
