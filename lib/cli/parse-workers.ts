import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { CliError } from "./cli-error.js";

/**
 * `loglab parse --workers N|auto`: how many worker threads run the second pass (see
 * lib/parse/parse-parallel.ts). `auto` (the default): see {@link autoParseWorkers}.
 */

/** Plain input bytes from which `auto` may run the second pass on worker threads (32 MiB ≈ 230,000 HDFS lines). */
export const AUTO_PARALLEL_BYTES = 32 << 20;

export const PARSE_WORKERS_USAGE = `  --workers         worker threads for the second pass (header parsing, masking, final templates,
                    CSV/Arrow rows) over line-aligned ranges of the inputs: N, or auto (default:
                    cores − 1 when the plain inputs hold ≥ 32 MiB and that is ≥ 2, else 1). Pass 1 (mining)
                    stays serial, so templates and the CSV files equal a 1-worker run's; Arrow
                    record batches also end at range ends. Needs --passes 2 and no --parquet`;

/**
 * `--workers auto`: one worker per core but the main thread's (which mines pass 1 and writes every
 * part) when the plain (not gzip) inputs hold at least {@link AUTO_PARALLEL_BYTES} and that leaves
 * 2 or more workers; else 1. Below 32 MiB starting threads costs more than they save; on 2 cores
 * the main thread and one worker take turns more than they overlap: 1M HDFS lines with 2 workers
 * took 8.71 s and 530 MB against 8.87 s and 250 MB with 1 on an idle 2-core machine (0.56–0.82× when
 * other jobs shared it; docs/DESIGN.md).
 */
export function autoParseWorkers(plainBytes: number, cores: number): number {
  return plainBytes >= AUTO_PARALLEL_BYTES && cores - 1 >= 2 ? cores - 1 : 1;
}

/** The number of workers: the flag's value, or auto's choice for these inputs. */
export function parseWorkersFlag(value: string | undefined, run: { inputs: readonly string[]; passes: number; parquet: boolean }): number {
  if (value === undefined || value === "auto") {
    if (run.passes !== 2 || run.parquet) return 1;
    let bytes = 0;
    for (const i of run.inputs) if (!/\.gz$/i.test(i)) bytes += statSync(i).size;
    return autoParseWorkers(bytes, availableParallelism());
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--workers must be a positive integer or auto, got "${value}"`, 2);
  if (n > 1 && run.passes !== 2) throw new CliError(`--workers ${n} needs --passes 2 (one pass gives online templates, which only a serial run defines)`, 2);
  if (n > 1 && run.parquet) throw new CliError(`--workers ${n} cannot be combined with --parquet (the Parquet file is written from events in one thread); use --workers 1`, 2);
  return n;
}
