import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

describe("loglab pretrain", () => {
  it("pretrains on the shipped logs and writes encoder, tokenizer, loss curve, corpus and manifest; keeps an existing folder", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "loglab-pretrain-")), "enc");
    const r = await runCli(["pretrain", "--out", out, "--epochs", "1", "--vocab-size", "120", "--hidden", "8", "--layers", "1", "--seed", "3"]);
    expect(r.code, r.err).toBe(0);
    for (const f of ["config.json", "tokenizer.json", "encoder.json", "encoder.bin", "loss-curve.json", "loss-curve.csv", "corpus.json", "manifest.json"]) expect(existsSync(join(out, f)), f).toBe(true);
    expect(r.out).toMatch(/pretrained the log-text encoder \(smoke\): 7\d,\d{3}|pretrained the log-text encoder \(smoke\): \d+ messages/);
    const corpus = JSON.parse(readFileSync(join(out, "corpus.json"), "utf8"));
    expect(corpus.sources.length).toBeGreaterThanOrEqual(19);
    expect(readFileSync(join(out, "loss-curve.csv"), "utf8").split("\n")[0]).toBe("epoch,train_loss,validation_loss,learning_rate,seconds");
    const again = await runCli(["pretrain", "--out", out, "--epochs", "1"]);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/exists and is not empty \(use --force/);
  }, 300_000);
  it("rejects bad flags", async () => {
    expect((await runCli(["pretrain", "--profile", "huge"])).err).toMatch(/--profile must be smoke or full/);
    expect((await runCli(["pretrain", "--epochs", "-1"])).err).toMatch(/--epochs must be a non-negative integer/);
  });
});
