import { maskRuleOf } from "../config/log-source-config.js";
import type { DrainOptions } from "../parse/drain/drain.js";
import type { ParseOptions } from "../parse/log-parser.js";
import { Masker, type MaskingRule } from "../parse/masking.js";
import type { MinerSettings } from "../parse/drain/state-settings.js";
import { CliError, flagValue, type ParsedArgs } from "./cli-error.js";

/** The template-miner flags shared by `loglab parse`, `loglab sessions` (and the config file). */
export const MINER_VALUE_FLAGS = ["mask", "mask-placeholder", "st", "depth", "max-children", "max-clusters", "extra-delimiters", "parametrize-numeric-tokens", "tree-walk"] as const;
export const MINER_BOOLEAN_FLAGS = ["no-default-masks"] as const;

/** Usage lines for the miner flags (one block, shared by the commands). */
export const MINER_FLAGS_USAGE = `  --mask NAME=REGEX  a masking rule (repeatable; applied in the order given, before the default
                    or preset masks): matches become <:NAME:> (NAME "*": <*>)
  --no-default-masks  only your --mask rules (no default IP/NUM/HEX/UUID or preset masks)
  --mask-placeholder  <*> (every mask writes <*>) or <:NAME:> (default: each mask its own name)
  --st, --depth     Drain similarity threshold and tree depth (override the preset)
  --max-children    Drain max children of a tree node (default 100)
  --max-clusters    keep at most this many templates, least recently used evicted (default 0: no limit)
  --extra-delimiters  characters that also separate tokens, e.g. '=,' (default: whitespace only)
  --parametrize-numeric-tokens true|false  tokens with a digit go to the tree's wildcard branch (default true)
  --tree-walk       logparser (default) or drain3 (a message's last token is never a tree key: Drain3's
                    online templates, with --mode drain --no-default-masks --passes 1)`;

/** The miner settings the flags ask for, as parse options, and which were given. */
export interface MinerFlags {
  options: Pick<ParseOptions, "drain" | "masking" | "masksBefore" | "placeholder" | "extraDelimiters">;
  /** True when any masking flag was given (a state mined with other masks is then refused). */
  maskingGiven: boolean;
  /** Drain settings given by flag (compared with a loaded state's). */
  drainGiven: (keyof DrainOptions)[];
  /** The miner settings these flags ask for explicitly (a loaded state that differs on one is refused). */
  explicit: (keyof MinerSettings)[];
  /** `--mode` (default loglab). */
  mode: "loglab" | "drain";
}

/** The flag that sets a miner setting (for error messages). */
export const FLAG_OF_SETTING: Record<keyof MinerSettings, string> = {
  mode: "--mode",
  simThreshold: "--st",
  depth: "--depth",
  masking: "--mask/--no-default-masks/--mask-placeholder",
  maxChildren: "--max-children",
  maxClusters: "--max-clusters",
  parametrizeNumericTokens: "--parametrize-numeric-tokens",
  treeWalk: "--tree-walk",
  extraDelimiters: "--extra-delimiters",
};

function numberOf(args: ParsedArgs, flag: string, ok: (n: number) => boolean, what: string): number | undefined {
  const v = flagValue(args, flag);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || !ok(n)) throw new CliError(`--${flag} must be ${what}, got "${v}"`, 2);
  return n;
}

/** Reads and checks the miner flags (usage errors name the flag and the value). */
export function readMinerFlags(args: ParsedArgs): MinerFlags {
  const modeFlag = flagValue(args, "mode");
  if (modeFlag !== undefined && modeFlag !== "loglab" && modeFlag !== "drain") throw new CliError(`--mode must be loglab or drain, got "${modeFlag}"`, 2);
  const masks: MaskingRule[] = (args.flags.get("mask") ?? []).map((v) => {
    const rule = maskRuleOf(v);
    if (rule === null) throw new CliError(`--mask must be NAME=REGEX (e.g. --mask 'PID=\\[\\d+\\]'), got "${v}"`, 2);
    try {
      new Masker([rule]);
    } catch (err) {
      throw new CliError(`--mask ${v}: ${(err as Error).message}`, 2);
    }
    return rule;
  });
  const placeholder = flagValue(args, "mask-placeholder");
  if (placeholder !== undefined && placeholder !== "<*>" && placeholder !== "<:NAME:>") throw new CliError(`--mask-placeholder must be <*> or <:NAME:>, got "${placeholder}"`, 2);
  const noDefaults = args.flags.has("no-default-masks");
  const drain: Partial<DrainOptions> = {};
  const st = numberOf(args, "st", (n) => n >= 0 && n <= 1, "a number in [0, 1]");
  if (st !== undefined) drain.simThreshold = st;
  const depth = numberOf(args, "depth", (n) => Number.isInteger(n) && n >= 3, "an integer ≥ 3");
  if (depth !== undefined) drain.depth = depth;
  const maxChildren = numberOf(args, "max-children", (n) => Number.isInteger(n) && n >= 2, "an integer ≥ 2");
  if (maxChildren !== undefined) drain.maxChildren = maxChildren;
  const maxClusters = numberOf(args, "max-clusters", (n) => Number.isInteger(n) && n >= 0, "an integer ≥ 0 (0: no limit)");
  if (maxClusters !== undefined) drain.maxClusters = maxClusters;
  const numeric = flagValue(args, "parametrize-numeric-tokens");
  if (numeric !== undefined) {
    if (numeric !== "true" && numeric !== "false") throw new CliError(`--parametrize-numeric-tokens must be true or false, got "${numeric}"`, 2);
    drain.parametrizeNumericTokens = numeric === "true";
  }
  const walk = flagValue(args, "tree-walk");
  if (walk !== undefined) {
    if (walk !== "logparser" && walk !== "drain3") throw new CliError(`--tree-walk must be logparser or drain3, got "${walk}"`, 2);
    drain.treeWalk = walk;
  }
  const delims = flagValue(args, "extra-delimiters");
  if (delims !== undefined && (delims === "" || /\s/.test(delims))) throw new CliError(`--extra-delimiters must be delimiter characters without whitespace (e.g. '=,'), got "${delims}"`, 2);
  const options: MinerFlags["options"] = {
    drain,
    ...(noDefaults ? { masking: "none" as const } : {}),
    ...(masks.length ? { masksBefore: masks } : {}),
    ...(placeholder !== undefined ? { placeholder } : {}),
    ...(delims !== undefined ? { extraDelimiters: [...new Set(delims)] } : {}),
  };
  const maskingGiven = masks.length > 0 || noDefaults || placeholder !== undefined;
  const drainGiven = Object.keys(drain) as (keyof DrainOptions)[];
  const explicit: (keyof MinerSettings)[] = [...drainGiven.filter((k): k is keyof MinerSettings & keyof DrainOptions => k in FLAG_OF_SETTING), ...(maskingGiven ? ["masking" as const] : []), ...(delims !== undefined ? ["extraDelimiters" as const] : []), ...(modeFlag !== undefined ? ["mode" as const] : [])];
  return { options, maskingGiven, drainGiven, explicit, mode: modeFlag ?? "loglab" };
}
