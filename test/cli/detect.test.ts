import { cpSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Rng } from "../../lib/runtime/rng.js";
import { keyFiles, runCli } from "./cli-helpers.js";

describe("loglab detect", () => {
  const f = keyFiles();
  const model = join(f.dir, "im");
  beforeAll(async () => {
    expect((await runCli(["train", "invariants-mining", "--normal", f.normal, "--abnormal", f.abnormal, "--out", model])).code).toBe(0);
  });
  it("writes lineNo<TAB>score<TAB>0|1 per session with the training threshold", async () => {
    const out = join(f.dir, "scores.tsv");
    const r = await runCli(["detect", "--model", model, "--input", f.testAbnormal, "--out", out]);
    expect(r.code).toBe(0);
    const lines = readFileSync(out, "utf8").trim().split("\n");
    expect(lines.length).toBe(readFileSync(f.testAbnormal, "utf8").trim().split("\n").length);
    const card = JSON.parse(readFileSync(join(model, "loglab-model.json"), "utf8"));
    for (const [i, l] of lines.entries()) {
      const [lineNo, score, flag] = l.split("\t");
      expect(Number(lineNo)).toBe(i + 1);
      expect(flag).toBe(Number(score) > card.threshold ? "1" : "0");
    }
    expect(lines.filter((l) => l.endsWith("\t1")).length).toBeGreaterThan(lines.length * 0.9);
  });
  it("counts keys never seen in training instead of crashing, and skips blank lines", async () => {
    const input = join(f.dir, "oov");
    writeFileSync(input, "1 3 2 4 \n\n1 2 777 778 \n");
    const r = await runCli(["detect", "--model", model, "--input", input]);
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n").map((l) => l.split("\t")[0])).toEqual(["1", "3"]);
    expect(r.err).toMatch(/1 sessions hold 2 out-of-vocabulary keys \(777, 778\)/);
    expect(r.err).toMatch(/1 blank lines skipped/);
  });
  it("errors on a folder that is not a model", async () => {
    const r = await runCli(["detect", "--model", f.dir, "--input", f.testNormal]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/loglab-model.json is missing/);
  });

  // Issue 10, case 4: a damaged model scored NaN for everything and flagged nothing, rc 0.
  it("refuses a damaged model, naming the file: random weights, doubled weights, a card whose threshold is a string", async () => {
    const good = join(f.dir, "ae");
    const t = await runCli(["train", "dense-ae", "--normal", f.normal, "--params", '{"epochs": 2}', "--out", good]);
    expect(t.code, t.err).toBe(0);
    const weights = join("model", "weights.bin");
    const n = statSync(join(good, weights)).size;
    const rng = new Rng(5);
    const variants: [string, (dir: string) => void, RegExp][] = [
      ["random bytes", (d) => writeFileSync(join(d, weights), Uint8Array.from({ length: n }, () => rng.int(256))), /weights\.bin/],
      ["twice the size", (d) => writeFileSync(join(d, weights), Buffer.concat([readFileSync(join(d, weights)), readFileSync(join(d, weights))])), /weights\.bin/],
      ["threshold as a string", (d) => {
        const card = JSON.parse(readFileSync(join(d, "loglab-model.json"), "utf8"));
        writeFileSync(join(d, "loglab-model.json"), JSON.stringify({ ...card, threshold: String(card.threshold) }));
      }, /loglab-model\.json: threshold must be a finite number/],
    ];
    // A version-1 card (written before checksums) cannot catch an edited vocabulary: the shape error must still name the model.
    variants.push(["vocabulary of a v1 model", (d) => {
      const card = JSON.parse(readFileSync(join(d, "loglab-model.json"), "utf8"));
      delete card.files;
      delete card.sha256;
      writeFileSync(join(d, "loglab-model.json"), JSON.stringify({ ...card, version: 1 }));
      const meta = JSON.parse(readFileSync(join(d, "dense-ae.json"), "utf8"));
      const v = meta.vectorizer.features.vocabulary;
      v.keys.pop();
      v.counts.pop();
      writeFileSync(join(d, "dense-ae.json"), JSON.stringify(meta));
    }, /--model .*ae-vocabulary-of-a-v1-model/]);
    for (const [what, damage, message] of variants) {
      const dir = join(f.dir, `ae-${what.replace(/ /g, "-")}`);
      cpSync(good, dir, { recursive: true });
      damage(dir);
      const r = await runCli(["detect", "--model", dir, "--input", f.testNormal]);
      expect(r.code, what).toBe(1);
      expect(r.err, what).toMatch(message);
      expect(r.out, what).toBe("");
    }
  }, 60_000);

  // Issue 10: outputs never replace what the command did not write; case 9: `--input DIR` said EISDIR without the path.
  it("--out: refuses a file it did not write and its own earlier output without --force; --input DIR names the folder", async () => {
    const mine = join(f.dir, "notes.tsv");
    writeFileSync(mine, "my notes\n");
    const r = await runCli(["detect", "--model", model, "--input", f.testNormal, "--out", mine]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--out .*notes\.tsv already exists and was not written by `loglab detect`; nothing was changed/);
    expect(readFileSync(mine, "utf8")).toBe("my notes\n");
    const out = join(f.dir, "again.tsv");
    expect((await runCli(["detect", "--model", model, "--input", f.testNormal, "--out", out])).code).toBe(0);
    const twice = await runCli(["detect", "--model", model, "--input", f.testNormal, "--out", out]);
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/holds an earlier `loglab detect` output; add --force/);
    expect((await runCli(["detect", "--model", model, "--input", f.testNormal, "--out", out, "--force"])).code).toBe(0);
    const folder = await runCli(["detect", "--model", model, "--input", f.dir]);
    expect(folder.code).toBe(1);
    expect(folder.err).toBe(`loglab detect: --input ${f.dir}: it is a directory, not a key file\n`);
  });
});
