import { defineEntry } from "../define-entry.js";
import { DeepLog, DEEPLOG_DEFAULTS } from "./deeplog.js";

/** Registry entries of the sequence family. */
export const sequenceEntries = {
  deeplog: defineEntry({
    description: "DeepLog: stacked LSTM next-key model, anomalous if a next key falls outside the top g (Du et al., CCS'17)",
    supervision: "semi-supervised",
    defaults: DEEPLOG_DEFAULTS,
    create: (p, ctx) => new DeepLog(p, ctx.rng),
    load: (dir) => DeepLog.load(dir),
  }),
};
