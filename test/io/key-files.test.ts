import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { distinctSessions, readKeySessions } from "../../lib/io/key-files.js";
import { dataPath } from "../../lib/runtime/project.js";

const dir = mkdtempSync(join(tmpdir(), "keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readKeySessions", () => {
  it("reads the shipped HDFS training file: 4,855 sessions, 839 distinct, 14 keys", () => {
    const s = readKeySessions(dataPath("hdfs-deeplog", "hdfs_train"));
    expect(s.sequences.length).toBe(4855);
    expect(distinctSessions(s.sequences).length).toBe(839);
    expect(new Set(s.sequences.flat()).size).toBe(14);
    expect(s.sequences[0]).toEqual([5, 5, 5, 22, 11, 9, 11, 9, 11, 9, 26, 26, 26, 23, 23, 23, 21, 21, 21]);
    expect(s.lineNos[4854]).toBe(4855);
  });
  it("reads the BGL files", () => {
    expect(readKeySessions(dataPath("bgl-afalog", "train")).sequences.length).toBe(5251);
    expect(readKeySessions(dataPath("bgl-afalog", "test_abnormal_dev")).sequences.length).toBe(34);
  });
  it("names file, line and token for a bad key", () => {
    const f = join(dir, "bad");
    writeFileSync(f, "1 2 3\n4 x5 6\n");
    expect(() => readKeySessions(f)).toThrow(`${f}:2: key 2 is "x5", expected a non-negative integer`);
  });
  it("rejects an empty file and a missing one", () => {
    const f = join(dir, "empty");
    writeFileSync(f, "\n\n");
    expect(() => readKeySessions(f)).toThrow(/no sessions/);
    expect(() => readKeySessions(join(dir, "nope"))).toThrow(/no such file/);
  });
  it("reports blank lines instead of dropping them silently, and handles CRLF", () => {
    const f = join(dir, "blank");
    writeFileSync(f, "1 2\r\n\r\n3 4 \r\n");
    const s = readKeySessions(f);
    expect(s.sequences).toEqual([[1, 2], [3, 4]]);
    expect(s.lineNos).toEqual([1, 3]);
    expect(s.blankLines).toEqual([2]);
  });
});

describe("distinctSessions", () => {
  it("counts multiplicities and keeps first positions", () => {
    expect(distinctSessions([[1, 2], [3], [1, 2]])).toEqual([
      { sequence: [1, 2], count: 2, firstIndex: 0 },
      { sequence: [3], count: 1, firstIndex: 1 },
    ]);
  });
});

// Issue 10: random bytes, line endings and truncation for every reader.
describe("damaged key files (properties)", () => {
  const p = join(dir, "fuzz.keys");
  const sessions = [[5, 5, 22, 11, 9], [5, 22], [26, 26, 26, 23, 21, 21, 111]];
  const text = sessions.map((s) => s.join(" ")).join("\n") + "\n";

  it("random bytes: sessions of integer keys, or an error naming the file", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.stringMatching(/^[0-9 \n\r\tx-]{0,60}$/).map((t) => Buffer.from(t))), (b) => {
        writeFileSync(p, b);
        try {
          const k = readKeySessions(p);
          for (const s of k.sequences) for (const key of s) expect(Number.isInteger(key) && key >= 0).toBe(true);
          expect(k.sequences.length).toBe(k.lineNos.length);
        } catch (err) {
          expect((err as Error).message).toMatch(/^.*fuzz\.keys(:\d+)?: /);
        }
      }),
      { numRuns: 300, seed: 23 },
    );
  });
  it("any mix of LF, CRLF and CR line ends reads the same sessions", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("\n", "\r\n", "\r"), { minLength: 3, maxLength: 3 }), (ends) => {
        writeFileSync(p, sessions.map((s, i) => s.join(" ") + ends[i]).join(""));
        expect(readKeySessions(p).sequences).toEqual(sessions);
      }),
      { numRuns: 50, seed: 24 },
    );
  });
  it("a file cut at any byte reads as a prefix of its sessions (the last maybe shortened), or 'no sessions'", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), (cut) => {
        writeFileSync(p, text.slice(0, cut));
        let k: ReturnType<typeof readKeySessions>;
        try {
          k = readKeySessions(p);
        } catch (err) {
          expect((err as Error).message).toMatch(/fuzz\.keys: no sessions/);
          return;
        }
        k.sequences.forEach((s, i) => {
          if (i < k.sequences.length - 1) expect(s).toEqual(sessions[i]);
          else expect(sessions[i]!.join(" ").startsWith(s.join(" "))).toBe(true);
        });
      }),
      { numRuns: 100, seed: 25 },
    );
  });
});
