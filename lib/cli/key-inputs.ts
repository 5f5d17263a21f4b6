import { readKeySessions, type KeySessions } from "../io/key-files.js";
import { CliError } from "./cli-error.js";

/** Reads a key file for a CLI command; every problem (missing, empty, non-integer key) is one clear error naming file and line. */
export function readKeyFileForCli(path: string, flag: string): KeySessions {
  try {
    return readKeySessions(path);
  } catch (err) {
    throw new CliError(`${flag} ${(err as Error).message}`);
  }
}

/** Sessions holding keys outside a training vocabulary, and how many such key occurrences. */
export function outOfVocabulary(sequences: readonly (readonly number[])[], vocabulary: readonly number[] | undefined): { sessions: number; occurrences: number; keys: number[] } | null {
  if (!vocabulary) return null;
  const known = new Set(vocabulary);
  const unseen = new Set<number>();
  let sessions = 0;
  let occurrences = 0;
  for (const s of sequences) {
    let hit = false;
    for (const k of s) if (!known.has(k)) {
      unseen.add(k);
      occurrences++;
      hit = true;
    }
    if (hit) sessions++;
  }
  return { sessions, occurrences, keys: [...unseen].sort((a, b) => a - b) };
}
