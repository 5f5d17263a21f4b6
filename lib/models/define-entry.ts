import type { Detector, DetectorContext, SessionSet, Supervision } from "./detector.js";

/**
 * A registry entry: typed default parameters, a factory and a loader. Families declare theirs in
 * `<family>/entries.ts` with {@link defineEntry}; `registry.ts` merges them.
 *
 * (Kept apart from registry.ts so that `<family>/entries.ts` can import `defineEntry` without an
 * import cycle: registry.ts imports every family's entries.)
 */
export interface DetectorEntry<P extends object> {
  /** One line on what the model is, with the paper it follows. */
  description: string;
  supervision: Supervision;
  defaults: P;
  create(params: P, ctx: DetectorContext): Detector<SessionSet>;
  load(dir: string): Promise<Detector<SessionSet>>;
}

/** Identity helper that keeps each entry's parameter type. */
export function defineEntry<P extends object>(entry: DetectorEntry<P>): DetectorEntry<P> {
  return entry;
}
