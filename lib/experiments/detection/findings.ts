import type { AnyDetectionResult } from "./detection-experiment.js";

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/**
 * What an experiment found on one dataset, as sentences whose every number is read from the
 * results (a notebook's findings cell shows them; nothing is typed in by hand): the best model
 * by test F1, how many test sessions repeat a training session, the same model on the sessions
 * never seen in training, the best model there, the largest drop, and the keyword baseline.
 */
export function detectionFindings(dataset: string, results: readonly AnyDetectionResult[]): string[] {
  if (results.length === 0) return [`${dataset}: no models were run.`];
  const best = results.reduce((a, b) => (b.test.all.f1 > a.test.all.f1 ? b : a));
  const a = best.test.all;
  const out = [`${dataset}: the best test F1 is ${best.label}'s, ${f3(a.f1)} (precision ${f3(a.precision)}, recall ${f3(a.recall)}, ${a.fp} false positives and ${a.fn} false negatives among ${a.sessions} test sessions; threshold chosen on validation).`];
  const u = best.test.unseen;
  if (u) {
    const repeat = a.sessions === 0 ? 0 : (a.sessions - u.sessions) / a.sessions;
    out.push(`${dataset}: ${pct(repeat)} of the test sessions repeat a training session exactly; on the ${u.sessions} never seen in training (${u.abnormal} anomalous) ${best.label}'s F1 is ${f3(u.f1)} (recall ${f3(u.recall)}, ${u.fp} false positives).`);
    const withUnseen = results.filter((r) => r.test.unseen && r.test.unseen.sessions > 0);
    if (withUnseen.length > 0) {
      const bestUnseen = withUnseen.reduce((x, y) => (y.test.unseen!.f1 > x.test.unseen!.f1 ? y : x));
      const drop = withUnseen.reduce((x, y) => (y.test.all.f1 - y.test.unseen!.f1 > x.test.all.f1 - x.test.unseen!.f1 ? y : x));
      const dropBy = drop.test.all.f1 - drop.test.unseen!.f1;
      out.push(
        `${dataset}: on unseen sessions the best F1 is ${bestUnseen.label}'s, ${f3(bestUnseen.test.unseen!.f1)}; ` +
          (dropBy > 0.0005 ? `the largest drop from all sessions to unseen ones is ${drop.label}'s (${f3(drop.test.all.f1)} → ${f3(drop.test.unseen!.f1)}).` : "no model's F1 is lower on them than on all sessions."),
      );
    }
  }
  const keyword = results.find((r) => r.model === "keyword");
  if (keyword && keyword !== best) out.push(`${dataset}: the keyword baseline (unseen keys, "grep") reaches F1 ${f3(keyword.test.all.f1)} against ${f3(a.f1)} for ${best.label}.`);
  return out;
}

/** Findings as a Markdown list under a heading (what a findings cell shows and saves). */
export function findingsMarkdown(title: string, sentences: readonly string[]): string {
  return [`### ${title}`, "", ...sentences.map((s) => `- ${s}`), ""].join("\n");
}
