import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "../../lib/cli/cli-error.js";
import { outOfVocabulary, readKeyFileForCli } from "../../lib/cli/key-inputs.js";

const dir = mkdtempSync(join(tmpdir(), "loglab-key-inputs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readKeyFileForCli", () => {
  it("reads sessions of a key file", () => {
    const f = join(dir, "ok");
    writeFileSync(f, "1 2 3\n\n4 5\n");
    const s = readKeyFileForCli(f, "--normal");
    expect(s.sequences).toEqual([[1, 2, 3], [4, 5]]);
    expect(s.lineNos).toEqual([1, 3]);
    expect(s.blankLines).toEqual([2]);
  });

  it("turns every reading problem into one CliError (exit 1) naming the flag, the file and the line", () => {
    const bad = join(dir, "bad");
    writeFileSync(bad, "1 2\n3 x 4\n");
    const empty = join(dir, "empty");
    writeFileSync(empty, "\n\n");
    const cases: [string, RegExp][] = [
      [join(dir, "missing"), /^--normal .*missing: no such file$/],
      [bad, /^--normal .*bad:2: key 2 is "x", expected a non-negative integer/],
      [empty, /^--normal .*empty: no sessions/],
    ];
    for (const [path, msg] of cases) {
      let caught: unknown = null;
      try {
        readKeyFileForCli(path, "--normal");
      } catch (e) {
        caught = e;
      }
      expect(caught, path).toBeInstanceOf(CliError);
      expect((caught as CliError).exitCode).toBe(1);
      expect((caught as CliError).message).toMatch(msg);
    }
  });
});

describe("outOfVocabulary", () => {
  it("is null without a training vocabulary", () => {
    expect(outOfVocabulary([[1, 2]], undefined)).toBeNull();
  });

  it("counts sessions holding unseen keys, their occurrences, and lists the unseen keys sorted", () => {
    const r = outOfVocabulary([[1, 2, 3], [9, 9, 1], [2], [10, 3, 7]], [1, 2, 3]);
    expect(r).toEqual({ sessions: 2, occurrences: 4, keys: [7, 9, 10] });
  });

  it("all known: zero everywhere", () => {
    expect(outOfVocabulary([[1], []], [1])).toEqual({ sessions: 0, occurrences: 0, keys: [] });
  });
});
