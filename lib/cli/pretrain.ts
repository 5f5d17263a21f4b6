import { existsSync, readdirSync } from "node:fs";
import { pretrainCurveRows, pretrainLogTextEncoder, PRETRAIN_PROFILES, type PretrainConfig } from "../experiments/bert/log-text-pretraining.js";
import { disposeLogTextEncoder } from "../models/bert/log-text-encoder.js";
import { logTextEncoderDir, savePretraining } from "../experiments/bert/encoder-store.js";
import { CliError, flagValue, parseArgs } from "./cli-error.js";
import { writeCliManifest } from "./cli-manifest.js";

export const usage = `usage: loglab pretrain [--profile smoke|full] [--out DIR] [--seed N] [--epochs N] [--max-seconds S]
                       [--vocab-size N] [--hidden N] [--layers N] [--force]

Pretrains the log-text BERT encoder (masked language model) on the message text of every raw log
the repository ships (data/loghub-2k, data/logai-raw) plus the full datasets under data/full when
they were fetched (npm run fetch-datasets), and writes into DIR (default models/bert-log-encoder-<profile>):
  config.json                 encoder sizes and what the pretraining did (corpus, time, stop reason)
  tokenizer.json              the WordPiece vocabulary learned from the same messages
  encoder.json, encoder.bin   the encoder's weights (the MLM head is not kept)
  loss-curve.json, .csv       training and validation masked-token loss per epoch
  corpus.json                 messages read, distinct rows and rejects per source file
  manifest.json               config, seed, git commit, input hashes, backend, timings
Profiles: smoke (${PRETRAIN_PROFILES.smoke.hidden} wide, ${PRETRAIN_PROFILES.smoke.layers} blocks, ≤ ${PRETRAIN_PROFILES.smoke.maxSeconds} s of training) and
full (${PRETRAIN_PROFILES.full.hidden} wide, ${PRETRAIN_PROFILES.full.layers} blocks, ${PRETRAIN_PROFILES.full.epochs} epochs). The same command and seed rebuild the same checkpoint
(up to the time budget of the smoke profile). An existing DIR is kept unless --force.`;

function intFlag(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} must be a non-negative integer, got "${v}"`, 2);
  return n;
}

export async function run(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const args = parseArgs(argv, { values: ["profile", "out", "seed", "epochs", "max-seconds", "vocab-size", "hidden", "layers"], booleans: ["force"] });
  if (args.positionals.length) throw new CliError(`unexpected argument "${args.positionals[0]}"\n${usage}`, 2);
  const profile = flagValue(args, "profile", "smoke");
  if (profile !== "smoke" && profile !== "full") throw new CliError(`--profile must be smoke or full, got "${profile}"`, 2);
  const out = flagValue(args, "out") ?? logTextEncoderDir(profile);
  const seed = intFlag(flagValue(args, "seed", "42"), "seed")!;
  const config: Partial<PretrainConfig> = {};
  const set = <K extends keyof PretrainConfig>(key: K, flag: string): void => {
    const v = intFlag(flagValue(args, flag), flag);
    if (v !== undefined) (config as Record<string, number>)[key] = v;
  };
  set("epochs", "epochs");
  set("maxSeconds", "max-seconds");
  set("vocabSize", "vocab-size");
  set("hidden", "hidden");
  set("layers", "layers");
  // Usage errors first, then the output folder (an existing checkpoint must not hide a bad flag).
  if (existsSync(out) && readdirSync(out).length > 0 && !args.flags.has("force")) throw new CliError(`${out} exists and is not empty (use --force to overwrite)`, 2);
  const r = await pretrainLogTextEncoder({ profile, config, seed });
  try {
    const files = await savePretraining(r, out, profile);
    const rows = pretrainCurveRows(r);
    await writeCliManifest({ folder: out }, { command: "pretrain", argv, inputs: r.inputs, config: r.config, seed, backend: r.backend, seconds: (performance.now() - started) / 1000, outputs: files });
    const last = rows.at(-1);
    process.stdout.write(
      [
        `pretrained the log-text encoder (${profile}): ${r.corpus.messages} messages, ${r.corpus.distinctRows} distinct token rows (${r.corpus.validationRows} held out), vocabulary ${r.encoder.tokenizer.vocabSize}`,
        `${r.history.length} epochs in ${r.seconds.training.toFixed(1)} s (${r.stoppedBecause}); last train / validation MLM loss ${Number(last?.["train MLM loss"] ?? NaN).toFixed(3)} / ${Number(last?.["validation MLM loss"] || NaN).toFixed(3)}`,
        `total ${r.seconds.total.toFixed(1)} s; saved to ${out}`,
      ].join("\n") + "\n",
    );
  } finally {
    disposeLogTextEncoder(r.encoder);
  }
  return 0;
}
