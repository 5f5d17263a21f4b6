import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileFollower, type FollowedLine, type FollowNote } from "../../lib/live/file-follower.js";

function follower(path: string, fromStart = false) {
  const lines: FollowedLine[] = [];
  const notes: FollowNote["kind"][] = [];
  const f = new FileFollower(path, { fromStart, onLines: (l) => lines.push(...l), onNote: (n) => notes.push(n.kind), chunkBytes: 16 });
  return { f, lines, notes, texts: () => lines.map((l) => `${l.lineNo}:${l.text}`) };
}

describe("FileFollower", () => {
  const dir = mkdtempSync(join(tmpdir(), "loglab-follow-"));

  it("skips what is there (counting its lines), hands over complete lines only, across small reads and CRLF", () => {
    const p = join(dir, "a.log");
    writeFileSync(p, "old 1\nold 2\n");
    const { f, texts } = follower(p);
    f.start();
    expect(f.poll()).toBe(0);
    appendFileSync(p, "new 3\r\nnew 4 is a longer line than one read\nhalf");
    expect(f.poll()).toBe(2);
    expect(texts()).toEqual(["3:new 3", "4:new 4 is a longer line than one read"]);
    appendFileSync(p, " a line\n");
    f.poll();
    expect(texts().at(-1)).toBe("5:half a line");
    appendFileSync(p, "no newline at the end");
    expect(f.close()).toBe(1);
    expect(texts().at(-1)).toBe("6:no newline at the end");
  });

  it("--from-start reads the existing lines; multi-byte characters split between reads stay whole", () => {
    const p = join(dir, "b.log");
    writeFileSync(p, "é".repeat(20) + "\nzwei\n");
    const { f, texts } = follower(p, true);
    f.start();
    f.poll();
    expect(texts()).toEqual([`1:${"é".repeat(20)}`, "2:zwei"]);
  });

  it("starts again at line 1 after a truncation", () => {
    const p = join(dir, "c.log");
    writeFileSync(p, "");
    const { f, texts, notes } = follower(p);
    f.start();
    appendFileSync(p, "one\ntwo\npart");
    f.poll();
    writeFileSync(p, "");
    f.poll();
    appendFileSync(p, "fresh\n");
    f.poll();
    expect(notes).toEqual(["truncated"]);
    expect(texts()).toEqual(["1:one", "2:two", "1:fresh"]);
    expect(f.counts).toEqual({ lines: 3, rotations: 0, truncations: 1 });
  });

  it("after a rotation reads the rest of the old file, then the new one from its start; waits while the name is missing", () => {
    const p = join(dir, "d.log");
    writeFileSync(p, "");
    const { f, texts, notes } = follower(p);
    f.start();
    appendFileSync(p, "a1\n");
    f.poll();
    appendFileSync(p, "a2\n");
    renameSync(p, p + ".1");
    f.poll();
    expect(notes).toEqual(["missing"]);
    writeFileSync(p, "b1\nb2\n");
    f.poll();
    expect(notes).toEqual(["missing", "rotated"]);
    expect(texts()).toEqual(["1:a1", "2:a2", "1:b1", "2:b2"]);
    f.close();
  });

  it("names the file that is missing or a directory", () => {
    expect(() => new FileFollower(join(dir, "none.log"), { onLines: () => {} }).start()).toThrow(/none\.log: no such file/);
    expect(() => new FileFollower(dir, { onLines: () => {} }).start()).toThrow(/it is a directory/);
    rmSync(join(dir, "a.log"));
  });
});
