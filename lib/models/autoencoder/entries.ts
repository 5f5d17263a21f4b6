import type { DetectorEntry } from "../registry.js";

/** Registry entries of the autoencoder family (filled as models land). */
export const autoencoderEntries = {} satisfies Record<string, DetectorEntry<any>>;
