import { statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { CliError } from "./cli-error.js";

/**
 * `loglab parse --workers N|auto`: how many worker threads run the second pass (see
 * lib/parse/parse-parallel.ts). `auto` (the default) takes one per core when the plain (not gzip)
 * inputs add up to at least {@link AUTO_PARALLEL_BYTES}, else 1: below that, starting threads
 * costs more than they save.
 */

/** Plain input bytes from which `auto` runs the second pass on every core (32 MiB ≈ 230,000 HDFS lines). */
export const AUTO_PARALLEL_BYTES = 32 << 20;

export const PARSE_WORKERS_USAGE = `  --workers         worker threads for the second pass (header parsing, masking, final templates,
                    CSV/Arrow rows) over line-aligned ranges of the inputs: N, or auto (default:
                    one per core when the plain inputs hold ≥ 32 MiB, else 1). Pass 1 (mining)
                    stays serial, so templates and the CSV files equal a 1-worker run's; Arrow
                    record batches also end at range ends. Needs --passes 2 and no --parquet`;

/** The number of workers: the flag's value, or auto's choice for these inputs. */
export function parseWorkersFlag(value: string | undefined, run: { inputs: readonly string[]; passes: number; parquet: boolean }): number {
  if (value === undefined || value === "auto") {
    if (run.passes !== 2 || run.parquet) return 1;
    let bytes = 0;
    for (const i of run.inputs) if (!/\.gz$/i.test(i)) bytes += statSync(i).size;
    return bytes >= AUTO_PARALLEL_BYTES ? availableParallelism() : 1;
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--workers must be a positive integer or auto, got "${value}"`, 2);
  if (n > 1 && run.passes !== 2) throw new CliError(`--workers ${n} needs --passes 2 (one pass gives online templates, which only a serial run defines)`, 2);
  if (n > 1 && run.parquet) throw new CliError(`--workers ${n} cannot be combined with --parquet (the Parquet file is written from events in one thread); use --workers 1`, 2);
  return n;
}
