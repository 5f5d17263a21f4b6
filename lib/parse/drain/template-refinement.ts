import type { MaskingRule } from "../masking.js";
import type { Tokens } from "../tokenize.js";
import type { LogCluster } from "./drain.js";

/**
 * What a refinement keeps of one cluster in a saved miner state: per position, the frame
 * (`[prefix, suffix, minLen, dead]`), the wildcard's value counts while they are few, and two
 * flags (see `LoglabRefinement`). A refinement that learns nothing per cluster saves none.
 */
export interface RefinementClusterState {
  id: number;
  frames: ([string, string, number, number] | null)[];
  values: ([string, number][] | null)[];
  many: number[];
  wild: number[];
}

/**
 * A refinement of Drain's templates: what a miner mode adds on top of the Drain tree, as Drain3
 * keeps `Drain` and `JaccardDrain` on one `DrainBase`. The {@link TemplateMiner} façade does the
 * masking, tokenizing, the tree, the cache, parameter extraction and persistence; a refinement
 * only (1) adds masks and says whether masks keep whitespace, (2) learns from each message added
 * to a cluster, (3) turns a cluster's Drain tokens into template tokens, possibly per message
 * (split rules computed after the pass), and (4) saves and restores what it learnt.
 *
 * Plain Drain (`mode: "drain"`) has no refinement: templates are the clusters' tokens.
 * `LoglabRefinement` (`mode: "loglab"`) is the one shipped; a new mode implements this interface
 * and is registered in `MINER_REFINEMENTS` (template-miner.ts).
 */
export interface TemplateRefinement {
  /** Masks applied before the configured ones. */
  readonly preMasks: readonly MaskingRule[];
  /** Masks leave the whitespace at their ends in place (tokens stay apart). */
  readonly keepWhitespace: boolean;
  /**
   * Learns from one message just added to `cluster` (content, its masked tokens, the mask spans
   * as `Masker.maskFlat` gives them, and which tokens hold a mask). Returns the cluster's version:
   * templates derived at another version are stale. Hot path: called once per added line.
   */
  observe(cluster: LogCluster, content: string, toks: Tokens, spans: readonly number[], masked: Uint8Array): number;
  /** The cluster's version now (0 for a cluster never observed). */
  version(clusterId: number): number;
  /** Recomputes the rules that need the whole pass (splits); true when they changed. */
  finalize(): boolean;
  /** Positions whose message tokens split the cluster into several templates (after {@link finalize}), if any. */
  splitPositions(clusterId: number): readonly number[] | undefined;
  /**
   * The template tokens of a cluster, or of the part of it that `splitTokens` (a message's
   * tokens) falls in when the cluster is split. Tokens equal to Drain's keep Drain's meaning;
   * others are `<*>` (a whole-token parameter), literal text, or literals around `<*>`.
   */
  templateTokens(cluster: LogCluster, splitTokens: readonly string[] | null): string[];
  /** Drops what is known of an evicted cluster. */
  forget(clusterId: number): void;
  /** What was learnt, for a saved state (by cluster id). */
  toState(): RefinementClusterState[];
  /** Restores {@link toState}'s output; `cluster` looks clusters up in the restored tree. Errors say what is wrong. */
  restore(state: readonly RefinementClusterState[], cluster: (id: number) => LogCluster | undefined): void;
}
