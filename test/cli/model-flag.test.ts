import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../lib/cli/cli-error.js";
import { loadModelFlag } from "../../lib/cli/model-flag.js";
import { KeywordDetector } from "../../lib/models/classic/keyword-detector.js";
import { saveTrainedDetector } from "../../lib/models/trained-model.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-model-flag-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("loadModelFlag", () => {
  it("loads a trained model folder with its card", async () => {
    const kw = new KeywordDetector({ alarmKeys: [], flagUnseenKeys: true });
    await kw.fit({ sequences: [[1, 2]] });
    const dir = join(tmp, "m");
    const card = { format: "loglab.model" as const, version: 1 as const, name: "keyword", params: kw.params, threshold: 0, thresholdPolicy: { kind: "fixed" as const, threshold: 0 }, validation: null, seed: 1, trainedAt: "t", training: { files: [], sessions: 1, normal: 1, abnormal: 0, validationSessions: 0 }, fit: { seconds: 0 } };
    await saveTrainedDetector(dir, kw, card);
    const { detector, card: c } = await loadModelFlag(dir);
    expect(c.name).toBe("keyword");
    expect(Array.from(await detector.score({ sequences: [[1, 3]] }))).toEqual([1]);
  });

  it("a folder that is not a model is one CliError (exit 1) naming the flag and the folder", async () => {
    const err = await loadModelFlag(tmp).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(1);
    expect((err as CliError).message).toBe(`--model ${tmp} is not a loglab model folder: loglab-model.json is missing`);
  });
});
