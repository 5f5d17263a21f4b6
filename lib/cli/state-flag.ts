import { compareMinerSettings, minerSettingsOf, type MinerSettings } from "../parse/drain/state-settings.js";
import { loadMinerState, saveMinerState } from "../parse/drain/state-store.js";
import type { TemplateMiner } from "../parse/drain/template-miner.js";
import type { LoghubSystem } from "../parse/formats/loghub-presets.js";
import { resolveParseSetup, type ParseOptions } from "../parse/log-parser.js";
import { FileLock } from "../runtime/file-lock.js";
import { CliError } from "./cli-error.js";
import { FLAG_OF_SETTING } from "./miner-flags.js";

/** What a run asked for, to compare with a loaded state's settings. */
export interface StateRequest {
  format: string;
  preset?: string;
  mode: string;
  /** The miner options the flags (or --config) gave: Drain settings, masks, placeholder, delimiters. */
  miner?: Pick<ParseOptions, "drain" | "masking" | "masksBefore" | "placeholder" | "extraDelimiters">;
  /** The settings the user gave explicitly (by flag or --config); the others came from defaults or the format's preset. */
  explicit: readonly (keyof MinerSettings)[];
}

/** A `--state` file opened for one run: locked from load to save. */
export interface OpenState {
  /** The loaded miner, undefined when the file does not exist yet (or no --state). */
  miner: TemplateMiner | undefined;
  loaded: boolean;
  /** Saves the miner atomically (still under the lock). */
  save(miner: TemplateMiner): void;
  release(): void;
}

/**
 * Opens `--state` for `loglab parse` / `loglab sessions`: takes its lock (a second run on the same
 * state fails clearly, naming the lock and its holder), loads it, and checks its settings against
 * the run's. A Drain state is the miner: its tree was built with its depth, threshold and masks,
 * as a Drain3 snapshot carries its miner, so mining continues with the state's settings. Flags
 * that ask for other settings explicitly (`--mode`, `--st`, `--depth`, and the masks a
 * `--format`/`--preset` brings) are refused, naming each difference; differences from defaults
 * or presets the user did not ask for are noted on stderr, and the state's settings are used (the
 * summary and manifest record them).
 */
export function openStateFlag(path: string | undefined, req: StateRequest): OpenState {
  if (path === undefined) return { miner: undefined, loaded: false, save: () => {}, release: () => {} };
  let lock: FileLock;
  try {
    lock = FileLock.acquire(path, `Drain state ${path}`);
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  try {
    let miner: TemplateMiner | undefined;
    try {
      miner = loadMinerState(path) ?? undefined;
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    if (miner) checkSettings(path, miner, req);
    return {
      miner,
      loaded: miner !== undefined,
      save: (m) => {
        try {
          saveMinerState(m, path);
        } catch (err) {
          throw new CliError(`could not save the Drain state: ${(err as Error).message}`);
        }
      },
      release: () => lock.release(),
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

function checkSettings(path: string, miner: TemplateMiner, req: StateRequest): void {
  let requested: MinerSettings;
  try {
    requested = minerSettingsOf(resolveParseSetup(req.format === "auto" ? "raw" : req.format, { ...(req.miner ?? {}), preset: req.preset as LoghubSystem | undefined, mode: req.mode as "loglab" | "drain" }).minerConfig);
  } catch (err) {
    throw new CliError(`--format: ${(err as Error).message}`, 2);
  }
  const explicit = new Set<keyof MinerSettings>(req.explicit);
  if (req.format !== "auto" || req.preset !== undefined) explicit.add("masking");
  const diffs = compareMinerSettings(minerSettingsOf(miner.config), requested, explicit);
  const flagOf = (s: keyof MinerSettings): string =>
    s === "masking" && !req.explicit.includes("masking") ? (req.preset !== undefined ? `--preset ${req.preset}` : `--format ${req.format}`) : FLAG_OF_SETTING[s];
  const conflicts = diffs.filter((d) => d.explicit);
  if (conflicts.length) {
    throw new CliError(
      `--state ${path} was mined with other settings: ${conflicts.map((d) => `${d.setting} (state: ${d.state}; ${flagOf(d.setting)}: ${d.requested})`).join(", ")}. ` +
        `A Drain state keeps the settings it was mined with: to continue it, drop the conflicting flags (and give the --format/--preset it was made with); or start a new --state file.`,
      2,
    );
  }
  if (diffs.length) process.stderr.write(`loglab: continuing the Drain state ${path} with its settings: ${diffs.map((d) => `${d.setting} ${d.state} (not ${d.requested})`).join(", ")}\n`);
}
