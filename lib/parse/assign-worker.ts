import { parentPort } from "node:worker_threads";
import { LineReader } from "../io/line-reader.js";
import { TemplateMiner, type FrozenMiner } from "./drain/template-miner.js";
import type { TimestampOptions } from "./formats/header-format.js";
import { resolveFormat } from "./formats/registry.js";
import { RecordReader } from "./log-parser.js";
import type { ParsedLog } from "./log-record.js";
import { StructuredPartBuilder, type StructuredPart } from "./structured-rows.js";

/**
 * The worker-thread side of a parallel parse's second pass (see parse-parallel.ts): it holds the
 * frozen miner of the first pass and, for each job, reads one line range of a file, gives every
 * parsed line its final template (`assign` with the line's cluster id from the first pass), and
 * returns the range's rows in the structured layout, ready to write, with its template counts.
 */

/** One input as a worker sees it. */
export interface AssignFile {
  path: string;
  name: string;
  /** A format name or LogHub-style string (structured-clonable, unlike a HeaderFormat). */
  format: string;
  timestampOptions: TimestampOptions;
  maxLineBytes: number | undefined;
}

/** Messages to a worker. */
export type AssignRequest =
  | { type: "init"; miner: FrozenMiner; files: AssignFile[]; arrow: boolean }
  | { type: "job"; job: number; file: number; start: number; end: number; firstLineNo: number; whole: boolean; ids: Int32Array };

/** Messages from a worker. */
export type AssignReply =
  | { type: "done"; job: number; part: StructuredPart; counts: [templateId: string, template: string, count: number][] }
  | { type: "error"; job: number; message: string };

/** Answers {@link AssignRequest}s on the worker's parent port until the parent ends the thread. */
export function serveAssignJobs(): void {
  const port = parentPort;
  if (!port) throw new Error("serveAssignJobs: not in a worker thread");
  let miner: TemplateMiner | null = null;
  let files: AssignFile[] = [];
  let arrow = true;
  const readers = new Map<number, RecordReader>();
  port.on("message", (msg: AssignRequest) => {
    if (msg.type === "init") {
      miner = TemplateMiner.fromFrozen(msg.miner);
      files = msg.files;
      arrow = msg.arrow;
      return;
    }
    const job = msg.job;
    runJob(msg, miner, files, arrow, readers).then(
      (done) => port.postMessage(done, done.part.transfer),
      (err: unknown) => port.postMessage({ type: "error", job, message: (err as Error).message } satisfies AssignReply),
    );
  });
}

async function runJob(msg: Extract<AssignRequest, { type: "job" }>, miner: TemplateMiner | null, files: readonly AssignFile[], arrow: boolean, readers: Map<number, RecordReader>): Promise<Extract<AssignReply, { type: "done" }>> {
  if (miner === null) throw new Error("parse worker: a job before the miner");
  const f = files[msg.file]!;
  let rr = readers.get(msg.file);
  if (!rr) readers.set(msg.file, (rr = new RecordReader(resolveFormat(f.format), f.name, f.timestampOptions)));
  const reader = new LineReader(f.path, { maxLineBytes: f.maxLineBytes, name: f.name, chunkBytes: 1 << 16, ...(msg.whole ? {} : { start: msg.start, end: msg.end, firstLineNo: msg.firstLineNo }) });
  // A structured CSV row is about twice its raw line (LineId, fields, content, template, parameters).
  const builder = new StructuredPartBuilder({ arrow, ...(msg.whole ? {} : { expectedCsvBytes: Math.ceil(2.5 * (msg.end - msg.start)) }) });
  const counts = new Map<string, { template: string; count: number }>();
  const ids = msg.ids;
  let k = 0;
  for await (const b of reader.batches()) {
    const events: ParsedLog[] = [];
    const { lines, lineNos } = b;
    for (let i = 0; i < lines.length; i++) {
      const r = rr.readEvent(lines[i]!, lineNos[i]!);
      if (typeof r === "string") continue; // the first pass counted it among the rejects
      if (k >= ids.length) throw new Error(`${f.name}: the input changed between the two passes (more parsed lines in bytes ${msg.start}–${msg.end})`);
      const a = miner.assign(r.content, ids[k++]!);
      r.templateId = a.templateId;
      r.template = a.template;
      r.params = a.params;
      const t = counts.get(a.templateId);
      if (t) t.count++;
      else counts.set(a.templateId, { template: a.template, count: 1 });
      events.push(r);
    }
    builder.write(events);
  }
  if (k !== ids.length) throw new Error(`${f.name}: the input changed between the two passes (${ids.length} then ${k} parsed lines in bytes ${msg.start}–${msg.end})`);
  return { type: "done", job: msg.job, part: builder.finish(), counts: [...counts].map(([id, t]) => [id, t.template, t.count]) };
}
