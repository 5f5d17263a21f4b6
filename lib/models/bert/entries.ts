import { defineEntry } from "../define-entry.js";
import { LogBert, LOGBERT_DEFAULTS, LOGBERT_SEVERITY_DEFAULTS } from "./logbert.js";

/** Registry entries of the BERT family (masked-key models over log-key sessions). */
export const bertEntries = {
  logbert: defineEntry({
    description: "LogBERT: BERT encoder trained on normal sessions by masked log-key prediction + volume of hypersphere; anomalous if more than r masked keys fall outside the top g (Guo, Yuan, Wu, IJCNN 2021)",
    family: "masked-key",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: LOGBERT_DEFAULTS,
    create: (p, ctx) => new LogBert({ ...p, severity: false }, ctx.rng),
    load: (dir) => LogBert.load(dir),
  }),
  "logbert-severity": defineEntry({
    description: "LogBERT with severity: each event's severity embedded, concatenated with its key embedding and passed through a dense layer before the encoder (unknown severity where the data have none)",
    family: "masked-key",
    supervision: "semi-supervised",
    fitSet: "normals",
    defaults: LOGBERT_SEVERITY_DEFAULTS,
    create: (p, ctx) => new LogBert({ ...p, severity: true }, ctx.rng),
    load: (dir) => LogBert.load(dir),
  }),
};
