import { statSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { lineAlignedRanges } from "../io/line-ranges.js";
import type { Rejected } from "../io/rejected.js";
import type { AssignFile, AssignReply, AssignRequest } from "./assign-worker.js";
import { ClusterIdList } from "./cluster-id-list.js";
import { TemplateMiner } from "./drain/template-miner.js";
import { compareTemplateCounts, type TemplateCount } from "./log-parser.js";
import { finishStats, newProgress, newStats, readFileRecords, setupFiles, sortRejects, type FileSetup, type LineRange, type ParseFileOptions, type ParseStreamSummary } from "./parse-file.js";
import type { StructuredPart } from "./structured-rows.js";
import { projectRoot } from "../runtime/project.js";

/**
 * A two-pass parse whose second pass runs on worker threads, with the same templates as a serial
 * two-pass parse (`parseFileStream`, `passes: 2`):
 *
 * - Pass 1 (this thread, serial): every line is read, its header parsed and its content added to
 *   the one Drain miner, in input order, exactly as the serial parse does; each file is read as
 *   line-aligned byte ranges in order (the same lines), which records where each range's line
 *   numbers and cluster ids start. Adding to the tree is sequential by nature; a merge of miners
 *   mined apart would not give a serial run's templates.
 * - Pass 2 (workers): the miner is frozen (its state plus the derived templates it would reuse,
 *   `TemplateMiner.freeze`) and rebuilt in each worker; a worker reads one range, parses headers,
 *   masks, tokenises and assigns every parsed line its final template with the line's cluster id
 *   from pass 1 (the per-line costs), and builds the range's CSV bytes and Arrow batches.
 * - Parts are handed to `onPart` in input order (ranges of a file in order, files in order), so
 *   CSV files are byte-identical to a serial run's; rejects come from pass 1 with global line
 *   numbers. Arrow files hold the same rows and columns, but a record batch also ends where a
 *   range ends (a serial run cuts every 65,536 rows).
 *
 * Memory: the miner, one Int32 per line, the rejects, and at most 2 × workers parts in flight.
 * Gzip files are not split (one range each).
 */

/** Options of {@link parseFilesParallel}. */
export interface ParallelParseOptions extends ParseFileOptions {
  /** Worker threads for the second pass (≥ 1). */
  workers: number;
  /** Build Arrow batches as well as CSV (default true). */
  arrow?: boolean;
  /** Bytes per range (default 8 MiB; smaller files are cut into `workers` ranges). */
  rangeBytes?: number;
}

/** Lines per final template in one part: template id, template, count. */
export type PartTemplateCount = readonly [templateId: string, template: string, count: number];

/** Default bytes per range: small enough to keep parts in flight small, large enough that a job's fixed cost is noise. */
export const DEFAULT_RANGE_BYTES = 8 << 20;

interface Job {
  file: number;
  range: LineRange;
  whole: boolean;
  /** Cluster ids of the range's parsed lines: ids[idStart, idEnd). */
  idStart: number;
  idEnd: number;
}

/**
 * The tsx-compiled worker script, used when esbuild is not installed (see {@link workerCode}).
 * Paths come from the project root, not `import.meta.url`: the notebook kernel (tslab) compiles
 * lib/ to CommonJS, where `import.meta` makes Node load the module as ESM and fail.
 */
const workerScript = (): string => join(projectRoot(), "bin", "parse-worker.mjs");

let bundled: Promise<string | null> | null = null;

/**
 * The worker's code as one CommonJS bundle (esbuild, which tsx already brings; ~0.1 s, once per
 * process), or null when esbuild cannot be loaded. Why not bin/parse-worker.mjs under tsx: tsx
 * starts a module-hooks thread per worker and resolves every import through it, which cost about
 * 3.5 CPU-seconds per worker on a 2-core machine, more than a worker saves on 1M lines. The bundle
 * needs no hooks (the worker's modules import only node: built-ins) and starts in ~50 ms.
 */
function workerCode(): Promise<string | null> {
  bundled ??= (async () => {
    try {
      const esbuild = await import("esbuild");
      const r = await esbuild.build({
        stdin: { contents: `import { serveAssignJobs } from "./assign-worker.ts";\nserveAssignJobs();\n`, resolveDir: join(projectRoot(), "lib", "parse"), loader: "ts" },
        bundle: true,
        platform: "node",
        format: "cjs",
        target: "node20",
        write: false,
        logLevel: "silent",
      });
      return r.outputFiles[0]!.text;
    } catch {
      return null;
    }
  })();
  return bundled;
}

function rangesOf(file: FileSetup, options: ParallelParseOptions): { start: number; end: number; whole: boolean }[] {
  const size = statSync(file.path).size;
  if (/\.gz$/i.test(file.path) || size === 0) return [{ start: 0, end: size, whole: true }];
  const target = options.rangeBytes ?? Math.max(1 << 16, Math.min(DEFAULT_RANGE_BYTES, Math.ceil(size / options.workers)));
  const ranges = lineAlignedRanges(file.path, target);
  return ranges.length === 1 ? [{ start: 0, end: size, whole: true }] : ranges.map((r) => ({ ...r, whole: false }));
}

/** A pool of assign workers, each taking the next job when it finishes one. */
class AssignPool {
  private readonly workers: Worker[] = [];
  private failure: Error | null = null;

  /** Starts `n` workers (from the bundle when there is one). */
  static async start(n: number): Promise<AssignPool> {
    const code = await workerCode();
    const pool = new AssignPool();
    for (let i = 0; i < n; i++) {
      const w = code !== null ? new Worker(code, { eval: true }) : new Worker(workerScript());
      w.on("error", (err) => (pool.failure ??= new Error(`parse worker failed: ${err.message}`)));
      pool.workers.push(w);
    }
    return pool;
  }

  init(msg: Extract<AssignRequest, { type: "init" }>): void {
    for (const w of this.workers) w.postMessage(msg);
  }

  /**
   * Runs the jobs, at most `lookahead` beyond the oldest unfinished one (bounded memory), and
   * hands each reply to `onDone` in job order.
   */
  async run(count: number, jobAt: (i: number) => Extract<AssignRequest, { type: "job" }>, lookahead: number, onDone: (reply: Extract<AssignReply, { type: "done" }>) => void): Promise<void> {
    const done = new Map<number, Extract<AssignReply, { type: "done" }>>();
    let next = 0; // next job to send
    let written = 0; // next job to hand on
    await new Promise<void>((resolve, reject) => {
      const idle = [...this.workers];
      const fail = (err: Error): void => {
        this.failure ??= err;
        reject(this.failure);
      };
      const pump = (): void => {
        if (this.failure) return fail(this.failure);
        while (done.has(written)) {
          const r = done.get(written)!;
          done.delete(written);
          written++;
          try {
            onDone(r);
          } catch (err) {
            return fail(err as Error);
          }
        }
        if (written === count) return resolve();
        while (idle.length > 0 && next < count && next < written + lookahead) {
          const w = idle.pop()!;
          const job = jobAt(next++);
          w.once("message", (reply: AssignReply) => {
            idle.push(w);
            if (reply.type === "error") return fail(new Error(reply.message));
            done.set(reply.job, reply);
            pump();
          });
          w.postMessage(job);
        }
      };
      for (const w of this.workers) w.once("exit", (code) => code !== 0 && fail(new Error(`parse worker exited with code ${code}`)));
      pump();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/**
 * Parses files in two passes, the second on `workers` worker threads (see the module comment),
 * handing each part (a run of one file's rows in the structured layout) to `onPart` in input
 * order. Returns what `parseFileStream` returns.
 *
 * @example
 * await parseFilesParallel(["big.log"], { format: "HDFS", workers: 2 }, (file, part) => writer.writePart(part));
 */
export async function parseFilesParallel(paths: string | readonly string[], options: ParallelParseOptions, onPart: (file: string, part: StructuredPart, counts: readonly PartTemplateCount[]) => void): Promise<ParseStreamSummary> {
  const t0 = performance.now();
  if (!(Number.isInteger(options.workers) && options.workers >= 1)) throw new Error(`parseFilesParallel: workers must be a positive integer, got ${options.workers}`);
  const files = await setupFiles(typeof paths === "string" ? [paths] : paths, options);
  const assignFiles: AssignFile[] = files.map((f) => {
    if (f.formatSpec === null) throw new Error(`parseFilesParallel: ${f.path}: the format must be a name or a format string (a HeaderFormat object cannot be sent to a worker thread)`);
    return { path: f.path, name: f.name, format: f.formatSpec, timestampOptions: f.setup.timestampOptions, maxLineBytes: options.maxLineBytes };
  });
  // Started now, the workers load their code while pass 1 runs.
  const starting = AssignPool.start(options.workers);
  // Closes the workers however this ends (an unhandled failure to start included).
  starting.catch(() => undefined);
  try {
    const miner = options.miner ?? new TemplateMiner(files[0]!.setup.minerConfig);
    const stats = newStats(files, miner, 2);
    const rejects: Rejected[] = [];
    const ids = new ClusterIdList();
    const jobs: Job[] = [];
    // Pass 1: ranges in order, one miner.
    for (let fi = 0; fi < files.length; fi++) {
      const f = files[fi]!;
      const bar = newProgress(options, f, " (pass 1/2)");
      let lineNo = 0;
      for (const r of rangesOf(f, options)) {
        const range: LineRange = { start: r.start, end: r.end, firstLineNo: lineNo };
        const idStart = ids.length;
        const rs = await readFileRecords(
          f,
          options,
          rejects,
          "content",
          (batch) => {
            for (const rec of batch) ids.push(miner.addClusterId(rec.content));
          },
          bar,
          r.whole ? undefined : range,
        );
        lineNo += rs.lines;
        stats.lines += rs.lines;
        stats.invalidUtf8Lines += rs.invalidUtf8Lines;
        jobs.push({ file: fi, range, whole: r.whole, idStart, idEnd: ids.length });
      }
      bar?.done();
    }
    // Pass 2: the frozen miner in every worker; parts in input order.
    const pool = await starting;
    pool.init({ type: "init", miner: miner.freeze(), files: assignFiles, arrow: options.arrow ?? true });
    const counts = new Map<string, TemplateCount>();
    // One bar for one file (its bytes done); several files go by without one in pass 2.
    const bar = options.progress && files.length === 1 ? newProgress(options, files[0]!, ` (pass 2/2, ${options.workers} workers)`) : null;
    let rowsDone = 0;
    await pool.run(
      jobs.length,
      // A job's ids are copied out when it is sent (not all at once: that would double them).
      (i) => {
        const j = jobs[i]!;
        return { type: "job", job: i, file: j.file, start: j.range.start, end: j.range.end, firstLineNo: j.range.firstLineNo, whole: j.whole, ids: ids.slice(j.idStart, j.idEnd) };
      },
      2 * options.workers,
      (reply) => {
        const j = jobs[reply.job]!;
        for (const [templateId, template, count] of reply.counts) {
          const t = counts.get(templateId);
          if (t) t.count += count;
          else counts.set(templateId, { templateId, template, count });
        }
        stats.parsed += reply.part.rows;
        rowsDone += reply.part.rows;
        onPart(files[j.file]!.name, reply.part, reply.counts);
        bar?.update(j.range.end);
      },
    );
    bar?.done();
    if (rowsDone !== ids.length) throw new Error(`parseFilesParallel: ${ids.length} lines parsed in pass 1, ${rowsDone} in pass 2`);
    const templates = [...counts.values()].sort(compareTemplateCounts);
    finishStats(stats, sortRejects(rejects), templates.length, miner, t0);
    return { rejects, templates, stats, miner };
  } finally {
    await (await starting.catch(() => null))?.close();
  }
}
