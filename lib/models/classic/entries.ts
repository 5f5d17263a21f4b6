import type { DetectorEntry } from "../registry.js";

/** Registry entries of the classic family (filled as models land). */
export const classicEntries = {} satisfies Record<string, DetectorEntry<any>>;
