import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEEPLOG_DEFAULTS } from "../../../lib/models/sequence/deeplog.js";
import { DUAL_LSTM_DEFAULTS } from "../../../lib/models/sequence/dual-lstm.js";
import { sequenceEntries } from "../../../lib/models/sequence/entries.js";
import { SESSION_CLASSIFIER_DEFAULTS } from "../../../lib/models/sequence/session-classifier.js";
import { Rng } from "../../../lib/runtime/rng.js";

const tmp = mkdtempSync(join(tmpdir(), "loglab-seq-entries-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("sequence registry entries", () => {
  it("DeepLog, the dual LSTM and six supervised classifiers", () => {
    expect(Object.keys(sequenceEntries)).toEqual(["deeplog", "dual-lstm", "lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer"]);
    expect(sequenceEntries.deeplog.supervision).toBe("semi-supervised");
    expect(sequenceEntries["dual-lstm"].supervision).toBe("semi-supervised");
    for (const n of ["lstm", "gru", "bilstm-attention", "cnn-lstm", "transformer", "cnn-transformer"] as const) {
      expect(sequenceEntries[n].supervision, n).toBe("supervised");
      expect(sequenceEntries[n].defaults, n).toEqual(SESSION_CLASSIFIER_DEFAULTS);
    }
    expect(sequenceEntries.deeplog.defaults).toBe(DEEPLOG_DEFAULTS);
    expect(sequenceEntries["dual-lstm"].defaults).toBe(DUAL_LSTM_DEFAULTS);
  });

  it("each entry creates a detector under its own name with its supervision", () => {
    for (const [name, e] of Object.entries(sequenceEntries)) {
      const d = e.create(e.defaults as never, { rng: new Rng(1) });
      expect(d.name, name).toBe(name);
      expect(d.supervision, name).toBe(e.supervision);
      d.dispose();
    }
    expect(sequenceEntries.transformer.description).toMatch(/Transformer/);
  });

  it("loading a folder that holds no such model names the missing file", async () => {
    await expect(sequenceEntries.deeplog.load(tmp)).rejects.toThrow(`${tmp}: deeplog.json is missing`);
    await expect(sequenceEntries["dual-lstm"].load(tmp)).rejects.toThrow(`${tmp}: dual-lstm.json is missing`);
    await expect(sequenceEntries.gru.load(tmp)).rejects.toThrow(`${tmp}: classifier.json is missing`);
  });
});
