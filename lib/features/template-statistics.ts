import { templateWords } from "./template-words.js";

/** Shape statistics of one template. */
export interface TemplateStatistics {
  template: string;
  /** Lines with this template (when counts were given). */
  count: number | null;
  /** Characters of the template text. */
  length: number;
  /** Whitespace-separated tokens (parameters included). */
  tokens: number;
  /** Words as {@link templateWords} sees them. */
  words: number;
  /** Digit characters outside parameters. */
  digits: number;
  /** Characters outside parameters that are neither letters, digits nor whitespace. */
  specialChars: number;
  /** Parameter slots (`<*>` or named masks such as `<:IP:>`). */
  params: number;
}

const PARAM = /<\*>|<:[A-Za-z0-9_]+:>/g;

/**
 * Per-template statistics: length, tokens, words, digits, special characters, parameter count.
 *
 * @example
 * templateStatistics([{ template: "Received block <*> of size <*>", count: 292 }])[0];
 * // { length: 30, tokens: 6, words: 4, digits: 0, specialChars: 0, params: 2, count: 292, … }
 */
export function templateStatistics(templates: readonly (string | { template: string; count: number })[]): TemplateStatistics[] {
  return templates.map((t) => {
    const template = typeof t === "string" ? t : t.template;
    const masked = template.replace(PARAM, " ");
    let digits = 0;
    let special = 0;
    for (const ch of masked) {
      if (ch >= "0" && ch <= "9") digits++;
      else if (!/[\p{L}\s]/u.test(ch)) special++;
    }
    return {
      template,
      count: typeof t === "string" ? null : t.count,
      length: template.length,
      tokens: template.split(/\s+/).filter(Boolean).length,
      words: templateWords(template).length,
      digits,
      specialChars: special,
      params: (template.match(PARAM) ?? []).length,
    };
  });
}

const SUMMARISED = ["length", "tokens", "words", "digits", "specialChars", "params"] as const;

/** One summary row: mean, median and maximum of each statistic over a set of templates. */
export type TemplateStatisticsSummary = { set: string; templates: number; "share with params": number } & {
  [K in `${(typeof SUMMARISED)[number]} ${"mean" | "median" | "max"}`]: number;
};

/** Mean, median and maximum of each statistic over a set of templates (one summary row). */
export function summarizeTemplateStatistics(stats: readonly TemplateStatistics[], label: string): TemplateStatisticsSummary {
  const cols = SUMMARISED;
  const row: Record<string, string | number> = { set: label, templates: stats.length };
  for (const c of cols) {
    const v = stats.map((s) => s[c]).sort((a, b) => a - b);
    const n = v.length;
    row[`${c} mean`] = n ? v.reduce((a, b) => a + b, 0) / n : 0;
    row[`${c} median`] = n ? (n % 2 ? v[(n - 1) / 2]! : (v[n / 2 - 1]! + v[n / 2]!) / 2) : 0;
    row[`${c} max`] = n ? v[n - 1]! : 0;
  }
  row["share with params"] = stats.length ? stats.filter((s) => s.params > 0).length / stats.length : 0;
  return row as TemplateStatisticsSummary;
}
