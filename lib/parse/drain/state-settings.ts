import type { MaskingRule } from "../masking.js";
import { DEFAULT_DRAIN_OPTIONS } from "./drain.js";
import type { MinerMode, TemplateMinerConfig } from "./template-miner.js";

/** The settings that shape a miner's templates (what a saved Drain state fixes). */
export interface MinerSettings {
  mode: MinerMode;
  /** Drain similarity threshold (`st`). */
  simThreshold: number;
  /** Drain tree depth. */
  depth: number;
  /** Masking rules, in order. */
  masking: { name: string; pattern: string; flags?: string }[];
  /** Drain max children of a tree node. */
  maxChildren: number;
  /** LRU bound on clusters (0: none). */
  maxClusters: number;
  /** Tokens with a digit go to the wildcard branch. */
  parametrizeNumericTokens: boolean;
  /** `logparser` or `drain3` (see `DrainOptions.treeWalk`). */
  treeWalk: string;
  /** Extra token delimiters, joined. */
  extraDelimiters: string;
}

/** The settings a miner configuration (`miner.config`, or a parse setup's `minerConfig`) mines with, Drain defaults filled in. */
export function minerSettingsOf(config: Partial<TemplateMinerConfig>): MinerSettings {
  const drain = { ...DEFAULT_DRAIN_OPTIONS, ...(config.drain ?? {}) };
  return {
    mode: config.mode ?? "loglab",
    simThreshold: drain.simThreshold,
    depth: drain.depth,
    masking: (config.masking ?? []).map((r: MaskingRule) => ({ name: r.name, pattern: r.pattern, ...(r.flags ? { flags: r.flags } : {}) })),
    maxChildren: drain.maxChildren,
    maxClusters: drain.maxClusters,
    parametrizeNumericTokens: drain.parametrizeNumericTokens,
    treeWalk: drain.treeWalk,
    extraDelimiters: (config.extraDelimiters ?? []).join(""),
  };
}

/** One setting on which a saved state and a run's request differ. */
export interface SettingDifference {
  setting: keyof MinerSettings;
  state: string;
  requested: string;
  /** The user asked for the requested value explicitly (a flag), rather than through a default or preset. */
  explicit: boolean;
}

function describeMasks(m: MinerSettings["masking"]): string {
  if (m.length === 0) return "no masks";
  const shown = m.slice(0, 3).map((r) => `/${r.pattern.length > 30 ? r.pattern.slice(0, 30) + "…" : r.pattern}/`);
  return `${m.length} mask${m.length === 1 ? "" : "s"} (${shown.join(", ")}${m.length > 3 ? ", …" : ""})`;
}

/**
 * Where a loaded Drain state's settings differ from those a run asked for. A state fixes its
 * mining settings (its tree was built with that depth and those masks, as a Drain3 snapshot is
 * the miner), so a caller either refuses explicit differences or continues with the state's
 * settings and says so; `explicit` lists the settings the user gave by flag.
 *
 * @example
 * const diffs = compareMinerSettings(minerSettingsOf(miner.config), minerSettingsOf(setup.minerConfig), new Set(["simThreshold"]));
 */
export function compareMinerSettings(state: MinerSettings, requested: MinerSettings, explicit: ReadonlySet<keyof MinerSettings>): SettingDifference[] {
  const out: SettingDifference[] = [];
  if (state.mode !== requested.mode) out.push({ setting: "mode", state: state.mode, requested: requested.mode, explicit: explicit.has("mode") });
  if (state.simThreshold !== requested.simThreshold) out.push({ setting: "simThreshold", state: String(state.simThreshold), requested: String(requested.simThreshold), explicit: explicit.has("simThreshold") });
  if (state.depth !== requested.depth) out.push({ setting: "depth", state: String(state.depth), requested: String(requested.depth), explicit: explicit.has("depth") });
  if (JSON.stringify(state.masking) !== JSON.stringify(requested.masking)) out.push({ setting: "masking", state: describeMasks(state.masking), requested: describeMasks(requested.masking), explicit: explicit.has("masking") });
  for (const k of ["maxChildren", "maxClusters", "parametrizeNumericTokens", "treeWalk", "extraDelimiters"] as const) {
    if (state[k] !== requested[k]) out.push({ setting: k, state: JSON.stringify(state[k]), requested: JSON.stringify(requested[k]), explicit: explicit.has(k) });
  }
  return out;
}
