/** A notebook or experiment runs either as a quick smoke test or as the real experiment. */
export type Profile = "smoke" | "full";

/**
 * The profile to run: `LOGLAB_PROFILE` (set by the notebook runner) or the given default.
 * An unknown value is an error, not a silent fallback.
 */
export function resolveProfile(fallback: Profile = "smoke"): Profile {
  const v = process.env.LOGLAB_PROFILE;
  if (v === undefined || v === "") return fallback;
  if (v === "smoke" || v === "full") return v;
  throw new Error(`LOGLAB_PROFILE=${v} is not "smoke" or "full"`);
}

/** Picks the smoke or full value of a hyperparameter: `byProfile(profile, { smoke: 2, full: 50 })`. */
export function byProfile<T>(profile: Profile, values: { smoke: T; full: T }): T {
  return values[profile];
}
