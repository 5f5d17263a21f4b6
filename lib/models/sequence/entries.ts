import type { DetectorEntry } from "../registry.js";

/** Registry entries of the sequence family (filled as models land). */
export const sequenceEntries = {} satisfies Record<string, DetectorEntry<any>>;
