import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { loghubParsedEvents } from "../parsing/loghub-event-rates.js";
import { applyRuleLabels } from "../../label/apply-rule-labels.js";
import { labelCoverage } from "../../label/label-coverage.js";
import { DEFAULT_LABEL_RULES, type LabelRuleSet } from "../../label/label-rules.js";
import { labelLoghubSystem } from "./loghub-labels.js";
import { RuleLabeler, type LabelResolution } from "../../label/rule-labeler.js";

/** One system's labels on ground-truth templates against those on the parser's templates. */
export type ParsedTemplateLabelRow = {
  system: string;
  "ground-truth templates": number;
  "parsed templates": number;
  "rejected lines": number;
  "line coverage (ground truth)": number;
  "line coverage (parsed)": number;
  "template coverage (parsed)": number;
  "same class as ground truth": number;
};

/**
 * Labels by template twice — on the ground-truth templates and on the templates the parser
 * mines from the raw log (Drain, the system's preset) — and compares: how much the 7-class
 * labels depend on which templates one has. One row per system.
 *
 * @example
 * showTable(rulesOnParsedTemplates(["HDFS", "Linux"]));
 */
export function rulesOnParsedTemplates(systems: readonly LoghubSystem[] = LOGHUB_SYSTEMS, options: { rules?: LabelRuleSet; resolution?: LabelResolution } = {}): ParsedTemplateLabelRow[] {
  const rules = options.rules ?? DEFAULT_LABEL_RULES;
  return systems.map((system) => {
    const gt = labelLoghubSystem(system, { unit: "template", rules, resolution: options.resolution });
    const parsed = loghubParsedEvents(system);
    const labeler = new RuleLabeler(system, rules, { resolution: options.resolution });
    const labels = applyRuleLabels(parsed.events, labeler, "template");
    const fallback = new Set(labeler.rules.filter((r) => r.fallback).map((r) => r.id));
    const cov = labelCoverage(system, "template", labels, parsed.events.map((e) => e.templateId), fallback);
    const gtByLine = new Map(gt.rows.map((r) => [r.lineId, r.class] as const));
    let same = 0;
    parsed.events.forEach((e, i) => {
      if (gtByLine.get(e.lineNo) === labels[i]!.class) same++;
    });
    return {
      system,
      "ground-truth templates": gt.coverage.templates,
      "parsed templates": cov.templates,
      "rejected lines": parsed.rejects.length,
      "line coverage (ground truth)": gt.coverage.lineCoverage,
      "line coverage (parsed)": cov.lineCoverage,
      "template coverage (parsed)": cov.templateCoverage,
      "same class as ground truth": parsed.events.length ? same / parsed.events.length : 0,
    };
  });
}
