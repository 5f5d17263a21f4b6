import { writeFileAtomic } from "../io/atomic-write.js";
import { decide } from "../eval/confusion.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { outOfVocabulary, readKeyFileForCli } from "./key-inputs.js";
import { checkScores, loadModelFlag, scoreWithModel } from "./model-flag.js";
import { writeCliManifest } from "./cli-manifest.js";
import { basename, join } from "node:path";
import { existsSync, readFileSync } from "node:fs";
import { countRejectReasons } from "../io/rejected.js";
import { rawLinesToItems, readRawInput, type RawInput } from "../models/raw-input.js";
import { claimOutputFile } from "./output-target.js";

export const usage = `usage: loglab detect --model DIR --input FILE [--out FILE [--force]]

Scores every session (line) of a DeepLog-style key file with a model saved by \`loglab train\` and
writes one line per session: lineNo<TAB>score<TAB>0|1 (1 = anomalous: score > the threshold chosen
at training). lineNo is the 1-based line in FILE; blank lines are not sessions and are skipped (their
count goes to stderr). Keys never seen in training are counted as out-of-vocabulary on stderr.
--out FILE must be new; --force replaces an earlier \`loglab detect\` output (FILE.manifest.json
names it); any other file is never touched. A model whose files do not match the checksums its card
recorded, or that scores NaN, is an error, not a verdict.

A model trained on a raw log (\`loglab train --config\`, its folder holds raw-input.json) reads a raw
file of the same kind instead: an access log (one line per request) or log text (one line per
line, or per window of lines: LINES is then first-last), as \`loglab infer\` does.`;

/** Runs `detect` (or `infer`, which takes raw files only). */
export async function runDetect(argv: readonly string[], command: "detect" | "infer", usageText: string): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["model", "input", "out"], booleans: ["force"] });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usageText}`, 2);
  const dir = requireFlag(args, "model", usageText);
  const input = requireFlag(args, "input", usageText);
  const outFlag = flagValue(args, "out");
  const claim = outFlag !== undefined ? claimOutputFile(outFlag, { command, force: args.flags.has("force"), inputs: [input] }) : null;
  try {
    return await detectInto(argv, dir, input, claim?.path, started, command);
  } finally {
    claim?.release();
  }
}

export async function run(argv: readonly string[]): Promise<number> {
  return runDetect(argv, "detect", usage);
}

/** Reads a raw file's lines for `detect`/`infer` (a missing file is one clear error). */
function readRawLines(input: string): string[] {
  if (!existsSync(input)) throw new CliError(`--input ${input}: no such file`, 2);
  const lines = readFileSync(input, "utf8").split("\n").map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Scores a raw file with a model trained on raw lines (its folder holds raw-input.json): one
 * output line per item, `LINES<TAB>score<TAB>0|1`, LINES the 1-based line (or `first-last` for a
 * window). Rejected lines (blank, not a request) are counted on stderr with their reasons.
 */
async function detectRaw(argv: readonly string[], command: string, dir: string, input: string, out: string | undefined, started: number, rawInput: RawInput, loaded: Awaited<ReturnType<typeof loadModelFlag>>): Promise<number> {
  const { detector, card } = loaded;
  const items = rawLinesToItems(rawInput, readRawLines(input), input);
  const lineText = (i: number) => {
    const [a, b] = items.lines[i]!;
    return a === b ? String(a) : `${a}-${b}`;
  };
  const scores = items.sequences.length ? await scoreWithModel(detector, { sequences: items.sequences }, dir, input) : new Float64Array(0);
  checkScores(scores, dir, (i) => `${input}:${lineText(i)}`);
  const flags = decide(scores, card.threshold);
  const text = items.sequences.map((_, i) => `${lineText(i)}\t${scores[i]}\t${flags[i]}`).join("\n") + (items.sequences.length ? "\n" : "");
  if (out) {
    writeFileAtomic(out, text);
    await writeCliManifest({ file: out }, { command, argv, inputs: [input, join(dir, "loglab-model.json")], config: { model: card.name, threshold: card.threshold, input: rawInput.kind }, seed: card.seed, seconds: (performance.now() - started) / 1000, outputs: [basename(out)] });
  } else process.stdout.write(text);
  const flagged = flags.reduce((a, b) => a + b, 0);
  const reasons = countRejectReasons(items.rejected);
  process.stderr.write(
    `${card.name} (${rawInput.kind}): ${items.sequences.length} ${rawInput.kind === "http-access" ? "requests" : "items"} scored, ${flagged} flagged anomalous (${sharePercent(flagged, items.sequences.length)}; threshold ${card.threshold})` +
      (items.rejected.length ? `; ${items.rejected.length} lines rejected (${Object.entries(reasons).map(([r, n]) => `${r}: ${n}`).join("; ")})` : "") +
      (out ? `; wrote ${out}` : "") +
      "\n",
  );
  detector.dispose();
  return 0;
}

async function detectInto(argv: readonly string[], dir: string, input: string, out: string | undefined, started: number, command = "detect"): Promise<number> {
  const loaded = await loadModelFlag(dir);
  let rawInput: RawInput | null;
  try {
    rawInput = readRawInput(dir);
  } catch (err) {
    loaded.detector.dispose();
    throw new CliError(`--model ${(err as Error).message}`);
  }
  if (rawInput) return detectRaw(argv, command, dir, input, out, started, rawInput, loaded);
  if (command === "infer") {
    loaded.detector.dispose();
    throw new CliError(`--model ${dir} was trained on key files, not raw text: use \`loglab detect\` with a key file`, 2);
  }
  const { detector, card } = loaded;
  const sessions = readKeyFileForCli(input, "--input");
  const scores = await scoreWithModel(detector, { sequences: sessions.sequences }, dir, input);
  checkScores(scores, dir, (i) => `${input}:${sessions.lineNos[i]}`);
  const flags = decide(scores, card.threshold);
  const lines = sessions.lineNos.map((lineNo, i) => `${lineNo}\t${scores[i]}\t${flags[i]}`);
  const text = lines.join("\n") + "\n";
  if (out) {
    writeFileAtomic(out, text);
    await writeCliManifest({ file: out }, { command: "detect", argv, inputs: [input, join(dir, "loglab-model.json")], config: { model: card.name, threshold: card.threshold }, seed: card.seed, seconds: (performance.now() - started) / 1000, outputs: [basename(out)] });
  } else process.stdout.write(text);
  const flagged = flags.reduce((a, b) => a + b, 0);
  const oov = outOfVocabulary(sessions.sequences, card.vocabulary);
  process.stderr.write(
    `${card.name}: ${sessions.sequences.length} sessions scored, ${flagged} flagged anomalous (${sharePercent(flagged, sessions.sequences.length)}; threshold ${card.threshold})` +
      (sessions.blankLines.length ? `; ${sessions.blankLines.length} blank lines skipped` : "") +
      (oov ? `; ${oov.sessions} sessions hold ${oov.occurrences} out-of-vocabulary keys${oov.keys.length ? ` (${oov.keys.slice(0, 10).join(", ")}${oov.keys.length > 10 ? ", …" : ""})` : ""}` : "") +
      (out ? `; wrote ${out}` : "") +
      "\n",
  );
  detector.dispose();
  return 0;
}

/** "12.5% of them": the share flagged, so a user sees at once whether it is plausible. */
function sharePercent(flagged: number, total: number): string {
  return `${total ? ((100 * flagged) / total).toFixed(1) : "0.0"}% of them`;
}
