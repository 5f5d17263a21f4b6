import { brokenSessions, cycleSessions, labelled } from "../../models/sequence/model-fixtures.js";

/** A toy split of cycle sessions (normal) and shuffled ones with an alarm key (abnormal). */
export function toySplit() {
  return {
    train: labelled(cycleSessions(40, 1, 12, 4), brokenSessions(12, 2)),
    validation: labelled(cycleSessions(12, 3, 12, 4), brokenSessions(4, 4)),
    test: labelled([...cycleSessions(12, 5, 12, 4), [1, 2, 3]], brokenSessions(6, 6)),
  };
}

/** Tiny network settings (seconds, not minutes). */
export const tiny = { hiddenUnits: 8, embeddingDim: 4, epochs: 2, earlyStoppingPatience: 0 };
