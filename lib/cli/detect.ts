import { writeFileAtomic } from "../io/atomic-write.js";
import { decide } from "../eval/confusion.js";
import { CliError, flagValue, parseArgs, requireFlag } from "./cli-error.js";
import { outOfVocabulary, readKeyFileForCli } from "./key-inputs.js";
import { checkScores, loadModelFlag, scoreWithModel } from "./model-flag.js";
import { writeCliManifest } from "./cli-manifest.js";
import { basename, join } from "node:path";
import { claimOutputFile } from "./output-target.js";

export const usage = `usage: loglab detect --model DIR --input FILE [--out FILE [--force]]

Scores every session (line) of a DeepLog-style key file with a model saved by \`loglab train\` and
writes one line per session: lineNo<TAB>score<TAB>0|1 (1 = anomalous: score > the threshold chosen
at training). lineNo is the 1-based line in FILE; blank lines are not sessions and are skipped (their
count goes to stderr). Keys never seen in training are counted as out-of-vocabulary on stderr.
--out FILE must be new; --force replaces an earlier \`loglab detect\` output (FILE.manifest.json
names it); any other file is never touched. A model whose files do not match the checksums its card
recorded, or that scores NaN, is an error, not a verdict.`;

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["model", "input", "out"], booleans: ["force"] });
  if (args.positionals.length) throw new CliError(`unexpected arguments: ${args.positionals.join(" ")}\n${usage}`, 2);
  const dir = requireFlag(args, "model", usage);
  const input = requireFlag(args, "input", usage);
  const outFlag = flagValue(args, "out");
  const claim = outFlag !== undefined ? claimOutputFile(outFlag, { command: "detect", force: args.flags.has("force"), inputs: [input] }) : null;
  try {
    return await detectInto(argv, dir, input, claim?.path, started);
  } finally {
    claim?.release();
  }
}

async function detectInto(argv: readonly string[], dir: string, input: string, out: string | undefined, started: number): Promise<number> {
  const { detector, card } = await loadModelFlag(dir);
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
    `${card.name}: ${sessions.sequences.length} sessions scored, ${flagged} flagged anomalous (threshold ${card.threshold})` +
      (sessions.blankLines.length ? `; ${sessions.blankLines.length} blank lines skipped` : "") +
      (oov ? `; ${oov.sessions} sessions hold ${oov.occurrences} out-of-vocabulary keys${oov.keys.length ? ` (${oov.keys.slice(0, 10).join(", ")}${oov.keys.length > 10 ? ", …" : ""})` : ""}` : "") +
      (out ? `; wrote ${out}` : "") +
      "\n",
  );
  detector.dispose();
  return 0;
}
