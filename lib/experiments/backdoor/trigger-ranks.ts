/**
 * Where a model misses around an inserted trigger: for each key of [H, M, T] (attack) or of M
 * alone (control), and the first keys after it, the median rank the model gives that key (1 = its
 * first choice) and the share of insertions where the key falls outside the model's g. It shows
 * *why* an attacked or control session passes or is flagged: the backdoor's M ranked first after
 * H, the keys after the trigger missed, or M's keys predicted without the trigger.
 */
import { insertAttack, insertControl, type TriggeredSession } from "../../attacks/backdoor/insert-trigger.js";
import type { SessionSet } from "../../models/detector.js";
import type { BackdoorData, BackdoorStudyResult } from "./backdoor-study.js";

/** A model that ranks every key of a session (DeepLog, LogBERT): 0 = not predicted, V + 1 = unseen key. */
export interface KeyRanker {
  positionRanks(x: SessionSet): Int32Array[];
  readonly topG: number;
}

/** One key position of the inserted sequence, over every insertion in every test normal. */
export interface TriggerRankRow {
  model: string;
  insertion: "attack [H, M, T]" | "control M";
  /** H1…, M1…, T1…, then "after 1", "after 2", … for the session's own keys that follow. */
  key: string;
  /** Insertions where the model ranked this key (it predicts no key in a context-only prefix). */
  ranked: number;
  medianRank: number | null;
  /** Share of those outside the model's top g. */
  missed: number | null;
}

function isKeyRanker(d: unknown): d is KeyRanker {
  return typeof (d as KeyRanker).positionRanks === "function" && typeof (d as KeyRanker).topG === "number";
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)]!;
}

/** Labels of the inserted keys of one span (H1…, M1…, T1…), then `after` keys of the session. */
function spanPositions(t: TriggeredSession, after: number): { position: number; key: string }[] {
  return t.spans.flatMap((sp) => [
    ...Array.from({ length: sp.placeholder - sp.head }, (_, j) => ({ position: sp.head + j, key: `H${j + 1}` })),
    ...Array.from({ length: sp.tail - sp.placeholder }, (_, j) => ({ position: sp.placeholder + j, key: `M${j + 1}` })),
    ...Array.from({ length: sp.end - sp.tail }, (_, j) => ({ position: sp.tail + j, key: `T${j + 1}` })),
    ...Array.from({ length: after }, (_, j) => ({ position: sp.end + j, key: `after ${j + 1}` })),
  ]);
}

/**
 * Rank rows for one model over the test normals with the attack and with the control inserted.
 * `after` keys following each insertion are included (the backdoor may leave them unpredictable).
 */
export function triggerRankRows(name: string, model: KeyRanker, testNormal: readonly (readonly number[])[], r: Pick<BackdoorStudyResult, "trigger" | "config">, after = 3): TriggerRankRow[] {
  const every = r.config.poison.every;
  const g = model.topG;
  const out: TriggerRankRow[] = [];
  for (const [insertion, insert] of [
    ["attack [H, M, T]", insertAttack],
    ["control M", insertControl],
  ] as const) {
    const sessions = testNormal.map((s) => insert(s, r.trigger, every));
    const ranks = model.positionRanks({ sequences: sessions.map((s) => s.sequence) });
    const byKey = new Map<string, number[]>();
    sessions.forEach((t, i) => {
      for (const { position, key } of spanPositions(t, after)) {
        const rank = ranks[i]![position];
        if (rank === undefined || rank === 0) continue; // past the end, or context only
        if (!byKey.has(key)) byKey.set(key, []);
        byKey.get(key)!.push(rank);
      }
    });
    for (const [key, rs] of byKey) out.push({ model: name, insertion, key, ranked: rs.length, medianRank: median(rs), missed: rs.length ? rs.filter((x) => x > g).length / rs.length : null });
  }
  return out;
}

/** {@link triggerRankRows} for a study's benign and backdoored models (models that cannot rank keys give no rows). */
export function studyTriggerRankRows(r: BackdoorStudyResult, data: Pick<BackdoorData, "testNormal">, after = 3): TriggerRankRow[] {
  const rows: TriggerRankRow[] = [];
  for (const [which, d] of Object.entries(r.detectors)) if (isKeyRanker(d)) rows.push(...triggerRankRows(`${r.model} ${which} (g ${d.topG})`, d, data.testNormal, r, after));
  return rows;
}

/** The rows side by side: one row per (insertion, key), per model its median rank and the share missed. */
export function triggerRankTable(rows: readonly TriggerRankRow[]): Record<string, string | number | null>[] {
  const out = new Map<string, Record<string, string | number | null>>();
  for (const r of rows) {
    const id = `${r.insertion}\u0000${r.key}`;
    if (!out.has(id)) out.set(id, { insertion: r.insertion, key: r.key });
    const row = out.get(id)!;
    row[`${r.model}: median rank`] = r.medianRank;
    row[`${r.model}: missed`] = r.missed;
  }
  return [...out.values()];
}
