/** A template and how many lines it has. */
export interface TemplateTally {
  template: string;
  count: number;
}

/** Templates split by an occurrence threshold. */
export interface FrequentRareSplit {
  /** Templates with at least `threshold` occurrences are frequent. */
  threshold: number;
  frequent: TemplateTally[];
  rare: TemplateTally[];
  /** Lines covered by frequent / rare templates. */
  frequentLines: number;
  rareLines: number;
}

/**
 * Counts template occurrences (one entry per line, e.g. `parsed.map((p) => p.templateId)`).
 * Result: most frequent first, ties by template text.
 */
export function tallyTemplates(templatePerLine: Iterable<string>): TemplateTally[] {
  const m = new Map<string, number>();
  for (const t of templatePerLine) m.set(t, (m.get(t) ?? 0) + 1);
  return [...m.entries()].map(([template, count]) => ({ template, count })).sort((a, b) => b.count - a.count || (a.template < b.template ? -1 : a.template > b.template ? 1 : 0));
}

/**
 * Splits templates into frequent (count ≥ threshold) and rare ones — the long tail that
 * sequence models see too rarely to learn and that keyword rules or semantic features must cover.
 *
 * @example
 * const s = frequentRareSplit(tallyTemplates(parsed.map((p) => p.template)), 10);
 * s.rare.length; // templates seen fewer than 10 times
 */
export function frequentRareSplit(counts: readonly TemplateTally[], threshold: number): FrequentRareSplit {
  if (!(threshold >= 1) || !Number.isInteger(threshold)) throw new Error(`frequentRareSplit: threshold must be an integer ≥ 1, got ${threshold}`);
  const frequent: TemplateTally[] = [];
  const rare: TemplateTally[] = [];
  let fl = 0;
  let rl = 0;
  for (const c of counts) {
    if (c.count >= threshold) {
      frequent.push(c);
      fl += c.count;
    } else {
      rare.push(c);
      rl += c.count;
    }
  }
  return { threshold, frequent, rare, frequentLines: fl, rareLines: rl };
}
