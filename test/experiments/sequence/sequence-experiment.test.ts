import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTrainedDetector } from "../../../lib/models/trained-model.js";
import {
  describeSequenceModels,
  dualTopKRows,
  normalOnlyProtocol,
  protocolRows,
  runSequenceExperiment,
  sequenceResultRows,
  sequenceTimingRows,
  topGChoiceRows,
  topGSeriesOf,
  trainingCurvesOf,
  deeplogResultOf,
} from "../../../lib/experiments/sequence/sequence-experiment.js";
import { selectBackend } from "../../../lib/runtime/backend.js";
import { brokenSessions, cycleSessions, labelled } from "../../models/sequence/model-fixtures.js";

describe("runSequenceExperiment", () => {
  const dirs: string[] = [];
  beforeAll(async () => {
    await selectBackend();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("lists the twelve sequence and autoencoder models of the registry", () => {
    expect(describeSequenceModels().map((m) => m.name)).toEqual(["deeplog", "dual-lstm", "lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer", "dense-ae", "lstm-ae", "iforest-ae", "iforest-2ae"]);
  });

  it("fits each family on what it may see, thresholds on validation, tests once, saves models with cards", async () => {
    const split = {
      train: labelled(cycleSessions(40, 1, 12, 4), brokenSessions(12, 2)),
      validation: labelled(cycleSessions(12, 3, 12, 4), brokenSessions(4, 4)),
      test: labelled(cycleSessions(12, 5, 12, 4), brokenSessions(6, 6)),
    };
    const modelsDir = mkdtempSync(join(tmpdir(), "loglab-seqexp-"));
    dirs.push(modelsDir);
    const tiny = { hiddenUnits: 8, embeddingDim: 4, epochs: 2, earlyStoppingPatience: 0 };
    const results = await runSequenceExperiment({
      dataset: "toy",
      split,
      seed: 1,
      modelsDir,
      protocol: normalOnlyProtocol(split, brokenSessions(8, 9), 0.1),
      models: [
        { model: "deeplog", params: { ...tiny, window: 4 } },
        { model: "dual-lstm", params: { ...tiny, window: 4, rareWindow: 2, rareShare: 0.1 } },
        { model: "transformer", params: { ...tiny, heads: 2, ffnDim: 8, maxLength: 16 } },
        { model: "iforest-ae", label: "iforest-ae (toy)", params: { hidden: [4], latentDim: 2, epochs: 3, nEstimators: 5 } },
      ],
    });
    expect(results.map((r) => r.fitSessions)).toEqual([40, 40, 52, 52]); // normals; normals; labelled; unlabelled
    expect(results[3]!.fit.info!.anomaliesInTraining).toBeUndefined(); // labels were removed before fit
    expect(results[3]!.fit.info!.filteredSessions).toBe(5);
    for (const r of results) {
      expect(r.test.all.sessions).toBe(18);
      expect(r.savedTo && existsSync(join(r.savedTo, "loglab-model.json"))).toBeTruthy();
    }
    const { detector, card } = await loadTrainedDetector(results[0]!.savedTo!);
    expect(card.threshold).toBe(results[0]!.threshold);
    expect(Array.from(await detector.score(split.test))).toEqual(Array.from(results[0]!.testScores));
    detector.dispose();

    expect(sequenceResultRows(results)).toHaveLength(4);
    expect(sequenceTimingRows(results)[0]!["distinct items (fit)"]).toMatch(/pairs/);
    const protocol = protocolRows(results);
    expect(protocol.map((r) => r.model)).toEqual(["deeplog", "dual-lstm"]);
    expect(protocol[0]!.abnormal).toBe(8);
    const deeplog = deeplogResultOf(results);
    expect(topGChoiceRows(deeplog).length).toBe(deeplog.topG!.validation.length);
    expect(topGSeriesOf(deeplog).chosenG).toBe(deeplog.topG!.choice.g);
    expect(dualTopKRows("toy", results)).toHaveLength(2);
    expect(trainingCurvesOf(results, "next-key").map((c) => c.name)).toEqual(["deeplog", "dual-lstm (frequent)", "dual-lstm (rare)"]);
    expect(trainingCurvesOf(results, "autoencoder")).toHaveLength(1);
  });
});
