/**
 * The line-classifier handler of the experiment worker ({@link runOnChildPool}): the context
 * (the labelled lines and the encoder's folder) arrives once and the encoder is loaded once per
 * child; each job is one model on one split, fitted exactly as a serial run fits it
 * ({@link runLineFit}), and only its result goes back (the classifier is disposed here).
 */
import { loadLogTextEncoder } from "../../models/bert/log-text-encoder.js";
import type { WorkerJobHandler } from "../workers/worker-protocol.js";
import { runLineFit, type EncoderFeatureCache, type LineFitContext, type LineFitJob, type LineFitWorkerContext, type LineModelResult } from "./line-class-protocols.js";

interface PreparedContext {
  fit: LineFitContext;
  featureCache: EncoderFeatureCache;
}

export const lineClassJobHandler: WorkerJobHandler<PreparedContext, LineFitJob, LineModelResult> = {
  async prepare(context) {
    const { encoderDir, ...rest } = context as LineFitWorkerContext;
    return { fit: { ...rest, encoder: await loadLogTextEncoder(encoderDir) }, featureCache: new Map() };
  },
  async run(job, context) {
    if (!context) throw new Error("line-class worker: a job arrived before its context");
    const { result, classifier } = await runLineFit(context.fit, job, context.featureCache);
    classifier?.dispose();
    return result;
  },
};
