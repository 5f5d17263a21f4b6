import { generateSyntheticLogs, type SyntheticFormat } from "../../data/synthetic.js";
import type { Rng } from "../../runtime/rng.js";
import type { AlertLabels } from "../../label/alert-labels.js";
import { classAgreement, type ClassAgreement } from "../../label/class-agreement.js";
import { LOG_CLASSES } from "../../label/log-classes.js";
import type { LoghubLabeling } from "./loghub-labels.js";
import { RuleLabeler } from "../../label/rule-labeler.js";

/** How rule-based classes line up with a system's alert column. */
export interface AlertColumnCheck {
  /** Alert category (normal for `-`) × rule class. */
  agreement: ClassAgreement;
  /** Alert lines the rules call non-normal / alert lines. */
  alertsCovered: number;
  /** Normal lines the rules call non-normal / normal lines. */
  normalsFlagged: number;
  alerts: number;
  normals: number;
}

/**
 * Checks rule labels against ground-truth alerts (BGL/Thunderbird first column): which rule
 * class each alert category gets, how many alerts some rule catches, and how many normal lines a
 * rule flags (rules describe what a line is about, so a corrected ECC error is `hardware` yet
 * normal: a high share here is expected, not a bug).
 */
export function ruleLabelsVsAlertColumn(labeling: LoghubLabeling, alerts: AlertLabels): AlertColumnCheck {
  const byLine = new Map(labeling.rows.map((r) => [r.lineId, r.class] as const));
  const expected: string[] = [];
  const predicted: string[] = [];
  let alertsN = 0;
  let normalsN = 0;
  let covered = 0;
  let flagged = 0;
  alerts.lineNos.forEach((lineNo, i) => {
    const cls = byLine.get(lineNo);
    if (cls === undefined) throw new Error(`ruleLabelsVsAlertColumn: ${alerts.file}:${lineNo} has no rule label in ${labeling.system}`);
    const cat = alerts.categories[i] ?? "normal";
    expected.push(cat);
    predicted.push(cls);
    if (alerts.labels[i]) {
      alertsN++;
      if (cls !== "normal") covered++;
    } else {
      normalsN++;
      if (cls !== "normal") flagged++;
    }
  });
  return {
    agreement: classAgreement(expected, predicted, { expectedName: "alert category", order: ["normal", ...LOG_CLASSES] }),
    alertsCovered: alertsN ? covered / alertsN : 0,
    normalsFlagged: normalsN ? flagged / normalsN : 0,
    alerts: alertsN,
    normals: normalsN,
  };
}

/** One synthetic format: how well the rules name the generator's classes. */
export type SyntheticRuleCheckRow = { format: SyntheticFormat; lines: number; anomalies: number; "class accuracy": number; "anomalies caught": number; "normals flagged": number };

/**
 * Runs the rule labeler on seeded synthetic logs of each format and compares its classes with the
 * classes the generator meant (a check that the rules say what the generator's anomalies are).
 */
export function ruleLabelsOnSynthetic(rng: Rng, options: { formats: readonly SyntheticFormat[]; lines: number; anomalyRatio: number }): { summary: SyntheticRuleCheckRow[]; agreement: ClassAgreement } {
  const expected: string[] = [];
  const predicted: string[] = [];
  const summary = options.formats.map((format) => {
    const lines = generateSyntheticLogs(rng.fork(format), { format, lines: options.lines, anomalyRatio: options.anomalyRatio });
    const labeler = new RuleLabeler(null);
    let agree = 0;
    let anomaliesCaught = 0;
    let normalsFlagged = 0;
    for (const l of lines) {
      const cls = labeler.label(l.text).class;
      expected.push(l.expectedClass);
      predicted.push(cls);
      if (cls === l.expectedClass) agree++;
      if (l.label && cls !== "normal") anomaliesCaught++;
      if (!l.label && cls !== "normal") normalsFlagged++;
    }
    const anomalies = lines.filter((l) => l.label).length;
    return { format, lines: lines.length, anomalies, "class accuracy": agree / lines.length, "anomalies caught": anomalies ? anomaliesCaught / anomalies : 0, "normals flagged": normalsFlagged / Math.max(1, lines.length - anomalies) };
  });
  return { summary, agreement: classAgreement(expected, predicted, { expectedName: "generator class", order: LOG_CLASSES }) };
}
