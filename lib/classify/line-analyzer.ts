import { TemplateMiner, type MinerState } from "../parse/drain/template-miner.js";
import { DEFAULT_MASKING_RULES, Masker } from "../parse/masking.js";
import { detectLineTypes } from "./line-types.js";
import type { AnalyzedLine, LineClassifyOptions } from "./line-classifier.js";

/** A saved {@link LineAnalyzer}: one Drain state per log type plus the fallback one. */
export interface LineAnalyzerState {
  format: "loglab.line-analyzer";
  version: 1;
  /** Drain state of each log type the analyzer was fitted on (LogHub system names, …). */
  miners: Record<string, MinerState>;
  /** Drain state used for lines of any other type (null: none; such lines get masked-content templates). */
  fallback: MinerState | null;
}

// Templates of lines no saved cluster covers: the content with the default masks (UUID, IP, hex,
// numbers) written as <*>, then every remaining token that holds a digit as <*> (Drain's
// preprocessing idea, He et al. ICWS'17 §III-A); no cluster is created, the state is never changed.
const FALLBACK_MASKER = new Masker(
  DEFAULT_MASKING_RULES.map((r) => ({ ...r, name: "*" })),
  { keepWhitespace: true },
);

/** The template of a message no saved Drain cluster covers (see the comment above). */
export function maskedContentTemplate(content: string): string {
  return FALLBACK_MASKER.mask(content)
    .split(/(\s+)/)
    .map((tok) => (/\d/.test(tok) && tok !== "<*>" ? "<*>" : tok))
    .join("")
    .trim();
}

/**
 * Raw lines → log type, content and template, with Drain states fitted on training data and then
 * only matched (`TemplateMiner.match`, which never changes a cluster), so a line gets the
 * template it would have had in training, and classifying never changes the model. One miner per
 * log type because each LogHub system has its own masks and Drain settings (its preset); lines of
 * a type without a miner use the fallback miner.
 *
 * @example
 * const a = LineAnalyzer.fromState(JSON.parse(readFileSync("models/classifier-ml/line-analyzer.json", "utf8")));
 * a.analyze(["081109 203615 148 INFO dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_38865049064139660 terminating"]);
 * // [{ logType: "HDFS", template: "PacketResponder <*> for block <*> terminating", … }]
 */
export class LineAnalyzer {
  constructor(
    private readonly miners: ReadonlyMap<string, TemplateMiner>,
    private readonly fallback: TemplateMiner | null,
  ) {}

  /** Log types with their own Drain state. */
  get types(): string[] {
    return [...this.miners.keys()];
  }

  /** The Drain state used for a log type. */
  minerFor(logType: string): TemplateMiner | null {
    return this.miners.get(logType) ?? this.fallback;
  }

  /** Analyzes one batch (types detected together, see `detectLineTypes`). */
  analyze(lines: readonly string[], options: LineClassifyOptions = {}): AnalyzedLine[] {
    const types = detectLineTypes(lines, { format: options.format, detection: options.detection });
    return lines.map((raw, i) => {
      const t = types[i]!;
      const content = t.match ? t.match.content : raw.trim();
      const miner = this.minerFor(t.format.name);
      const m = miner ? miner.match(content, "fallback") : null;
      return {
        raw,
        logType: t.format.name,
        content,
        template: m ? m.template : maskedContentTemplate(content),
        templateId: m ? m.templateId : "",
        templateMatched: m !== null,
      };
    });
  }

  toState(): LineAnalyzerState {
    const miners: Record<string, MinerState> = {};
    for (const [k, m] of this.miners) miners[k] = m.toState();
    return { format: "loglab.line-analyzer", version: 1, miners, fallback: this.fallback ? this.fallback.toState() : null };
  }

  /** Restores {@link toState}'s output; a wrong format or version, or a bad Drain state, is an error naming `source` and the log type. */
  static fromState(state: LineAnalyzerState, source = "line analyzer state"): LineAnalyzer {
    if (!state || state.format !== "loglab.line-analyzer") throw new Error(`${source}: not a loglab line analyzer state (format ${JSON.stringify(state?.format)})`);
    if (state.version !== 1) throw new Error(`${source}: version ${JSON.stringify(state.version)} is not supported (this loglab reads version 1)`);
    const miners = new Map<string, TemplateMiner>();
    for (const [k, s] of Object.entries(state.miners ?? {})) {
      try {
        miners.set(k, TemplateMiner.fromState(s));
      } catch (err) {
        throw new Error(`${source}: Drain state of ${k}: ${(err as Error).message}`);
      }
    }
    let fallback: TemplateMiner | null = null;
    if (state.fallback) {
      try {
        fallback = TemplateMiner.fromState(state.fallback);
      } catch (err) {
        throw new Error(`${source}: fallback Drain state: ${(err as Error).message}`);
      }
    }
    return new LineAnalyzer(miners, fallback);
  }
}
