import { describe, expect, it } from "vitest";
import { labelTable } from "../../../lib/models/ensemble/label-table.js";
import type { EnsembleLabel } from "../../../lib/models/ensemble/ensemble-label.js";

describe("the label table", () => {
  const sessions: EnsembleLabel[] = ["Danger", "Danger", "Watch Out", "Watch Out", "Watch Out", "Watch Out", "Normal", "Normal"];
  const lines: EnsembleLabel[] = ["Danger", "Watch Out", "Normal", "Normal", "Normal"];
  it("counts sessions and lines per label and the share of real anomalies", () => {
    const t = labelTable(sessions, lines, Uint8Array.of(1, 1, 1, 0, 0, 0, 0, 1));
    expect(t.sessions).toBe(8);
    expect(t.lines).toBe(5);
    expect(t.anomalies).toBe(4);
    expect(t.rows).toEqual([
      { label: "Danger", sessions: 2, lines: 1, anomalous: 2, precision: 1 },
      { label: "Watch Out", sessions: 4, lines: 1, anomalous: 1, precision: 0.25 },
      { label: "Normal", sessions: 2, lines: 3, anomalous: 1, precision: 0.5 },
    ]);
  });
  it("has no precision without ground truth, or for a label no session got", () => {
    const t = labelTable(["Normal"], ["Normal"]);
    expect(t.rows.map((r) => r.precision)).toEqual([null, null, null]);
    expect(labelTable(["Normal"], [], Uint8Array.of(0)).rows[0]).toMatchObject({ sessions: 0, anomalous: 0, precision: null });
  });
  it("refuses ground truth of another length", () => {
    expect(() => labelTable(["Normal"], [], Uint8Array.of(0, 1))).toThrow(/1 sessions but 2 labels/);
  });
});
