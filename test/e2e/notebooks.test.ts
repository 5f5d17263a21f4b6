/**
 * End-to-end: every notebook in notebooks/ runs top to bottom on the tslab kernel in the smoke
 * profile, through the same runner as `npm run notebooks`, so no notebook can rot. Outputs go to
 * a temporary results/models folder (a user's own results are never overwritten by `npm test`).
 */
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { listNotebooks, runNotebook } from "../../scripts/notebooks/runner.js";

const root = process.cwd();
const notebooks = listNotebooks(join(root, "notebooks"));
const out = mkdtempSync(join(tmpdir(), "loglab-e2e-"));
const env = { LOGLAB_RESULTS_DIR: join(out, "results"), LOGLAB_MODELS_DIR: join(out, "models") };
/** Outputs a notebook must list in its manifest (beyond "some"), per notebook. */
const EXPECTED_OUTPUTS: Record<string, readonly string[]> = {
  "07-bert-models": ["tables/logbert-hdfs.csv", "tables/logbert-severity-synthetic.csv", "tables/ensemble-synthetic-label-table.csv", "tables/logbert-severity.csv", "tables/ensemble-label-table.csv", "tables/triage-queue.csv", "tables/ensemble-bgl-label-table.csv", "tables/ensemble-bgl-watch-out.csv", "figures/logbert-hdfs-score-histogram.png", "logbert-findings.md", "tables/classifiers-protocols.csv", "tables/classifiers-loso.csv", "tables/classifiers-vs-classic.csv", "tables/classifiers-misclassified.csv", "figures/classifiers-pretraining-curve.png", "figures/classifiers-protocols-macro-f1.png", "figures/classifiers-loso-dann.png", "figures/classifiers-confusion.png", "figures/classifiers-embeddings-by-system.png", "figures/classifiers-embeddings-by-class.png", "classifiers-findings.md", "classifiers-scores.json"],
  "08-backdoor-study": ["tables/bgl-study.csv", "tables/bgl-defence.csv", "tables/hdfs-study.csv", "tables/bgl-logbert-study.csv", "tables/hdfs-logbert-study.csv", "figures/bgl-lambda-sweep.png", "figures/bgl-ratio-sweep.png", "findings.md"],
};

describe("notebooks (smoke profile)", () => {
  it("finds the notebooks, in order, starting with 00-setup", () => {
    expect(notebooks.length).toBeGreaterThan(0);
    expect(basename(notebooks[0]!)).toBe("00-setup.ipynb");
  });

  for (const nb of notebooks) {
    const name = basename(nb, ".ipynb");
    it(`${name} runs top to bottom and writes its results with a manifest`, async () => {
      const report = await runNotebook(nb, { profile: "smoke", root, env, log: () => undefined, cellTimeoutMs: 15 * 60_000 });
      if (!report.ok) {
        const f = report.failure!;
        throw new Error(`${name} failed at cell ${f.cell} (${f.firstLine.trim()}): ${f.ename}: ${f.evalue}\n${f.traceback.join("\n")}`);
      }
      const manifest = join(env.LOGLAB_RESULTS_DIR, name, "manifest.json");
      expect(existsSync(manifest), `${manifest} missing`).toBe(true);
      const m = JSON.parse(readFileSync(manifest, "utf8")) as { outputs: string[]; config: { profile?: string } };
      expect(m.outputs.length).toBeGreaterThan(0);
      for (const o of m.outputs) expect(existsSync(join(env.LOGLAB_RESULTS_DIR, name, o)), `${name}/${o}`).toBe(true);
      for (const o of EXPECTED_OUTPUTS[name] ?? []) expect(m.outputs, `${name} lists ${o}`).toContain(o);
      const executed = JSON.parse(readFileSync(report.output, "utf8")) as { metadata: { loglab: { ok: boolean; profile: string } } };
      expect(executed.metadata.loglab).toMatchObject({ ok: true, profile: "smoke" });
    }, 20 * 60_000);
  }
});
