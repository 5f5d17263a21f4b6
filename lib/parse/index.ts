/**
 * Parsing: raw log lines in, structured events with templates out.
 *
 * The high-level API (what notebooks and the CLI call):
 * - `parseFile(paths, { format | preset, mode, drain, masking, … })` → `{ events, rejects,
 *   templates, stats, miner }`: whole files into memory, two passes (every line gets its
 *   cluster's final template). `format` is a built-in name (`HDFS`, …, `syslog-rfc5424`,
 *   `apache-error`, `raw`), `auto`, or your own LogHub-style string (`<Date> <Time> <Level>: <Content>`).
 * - `parseFileStream(paths, options, onEvents)`: the same for files of any size, in batches.
 * - `parseFilesParallel(paths, { workers, … }, onPart)`: two passes, the second on worker threads
 *   (the serial run's templates and CSV rows; see parse-parallel.ts).
 * - `parseLines(lines, { format })`: lines already in memory.
 * - `TemplateMiner` (add / match / fit / assign, `saveMinerState` / `loadMinerState`) for
 *   online use; `Drain` is the core without I/O.
 * - `detectFormat(lines)`, `loghubPreset(system)`, `logFormat(string)` for formats.
 */
export * from "./log-record.js";
export * from "./masking.js";
export * from "./tokenize.js";
export * from "./formats/index.js";
export * from "./drain/index.js";
export * from "./log-parser.js";
export * from "./parse-file.js";
export * from "./structured-output.js";
export { parseFilesParallel, DEFAULT_RANGE_BYTES, type ParallelParseOptions, type PartTemplateCount } from "./parse-parallel.js";
export { ClusterIdList } from "./cluster-id-list.js";
