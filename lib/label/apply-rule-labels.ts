import type { RuleLabel, RuleLabeler } from "./rule-labeler.js";

/**
 * What the labeler reads from a line: its message and component, and its template when labeling
 * by template. `LogRecord` and `ParsedLog` fit as they are.
 */
export interface LabelableLine {
  content: string;
  component?: string;
  /** The line's template (`<*>` for parameters); required when `unit` is "template". */
  template?: string;
}

/**
 * Where rules look:
 * - `line`: each line's own message (parameters included: "error" inside a parameter fires);
 * - `template`: each distinct template once, parameters masked; every line inherits its
 *   template's label (consistent within a template, blind to parameter values).
 */
export type LabelUnit = "line" | "template";

/**
 * Labels every line with a {@link RuleLabeler}, one {@link RuleLabel} per input line (same order).
 * Identical texts are labeled once.
 *
 * @example
 * const labels = applyRuleLabels(parsed, new RuleLabeler("Linux"), "template");
 */
export function applyRuleLabels(lines: readonly LabelableLine[], labeler: RuleLabeler, unit: LabelUnit = "line"): RuleLabel[] {
  const cache = new Map<string, RuleLabel>();
  return lines.map((line, i) => {
    let text: string;
    if (unit === "template") {
      if (line.template === undefined) throw new Error(`applyRuleLabels: line ${i + 1} has no template; parse the lines first or label by "line"`);
      text = line.template;
    } else text = line.content;
    const key = `${line.component ?? ""}\u0000${text}`;
    let label = cache.get(key);
    if (!label) {
      label = unit === "template" ? labeler.labelTemplate(text, line.component) : labeler.label(text, line.component);
      cache.set(key, label);
    }
    return label;
  });
}
