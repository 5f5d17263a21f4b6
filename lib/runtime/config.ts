/**
 * Merges user-given settings into typed defaults, rejecting unknown keys (naming the key and
 * where it came from) and values whose type differs from the default's. LogAI's config loader
 * silently ignores unknown keys; a typo here is an error instead.
 *
 * @example
 * const params = resolveConfig({ epochs: 10, lr: 1e-3 }, JSON.parse(text), "--params");
 */
export function resolveConfig<T extends object>(defaults: T, given: unknown, source: string): T {
  if (given === undefined || given === null) return { ...defaults };
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new Error(`${source}: expected an object of settings, got ${Array.isArray(given) ? "an array" : typeof given}`);
  }
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  const known = Object.keys(defaults);
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    if (!(key in out)) {
      throw new Error(`${source}: unknown setting "${key}" (known: ${known.join(", ") || "none"})`);
    }
    const def = out[key];
    if (def !== undefined && def !== null && value !== null && value !== undefined) {
      const want = Array.isArray(def) ? "array" : typeof def;
      const got = Array.isArray(value) ? "array" : typeof value;
      if (want !== got) throw new Error(`${source}: setting "${key}" must be a ${want}, got ${got} (${JSON.stringify(value)})`);
    }
    out[key] = value;
  }
  return out as T;
}
