import { describe, expect, it } from "vitest";
import { runCli } from "./cli-helpers.js";

describe("loglab train-classifier", () => {
  it("checks the model name, the split, the params and the encoder folder", async () => {
    expect((await runCli(["train-classifier", "bert-xl", "--out", "/tmp/x"])).err).toMatch(/unknown model "bert-xl" \(known: bert-dann, bert-lora, bert-hybrid\)/);
    expect((await runCli(["train-classifier", "bert-lora", "--out", "/tmp/loglab-none-x", "--split", "time"])).err).toMatch(/--split must be random or template/);
    expect((await runCli(["train-classifier", "bert-lora", "--out", "/tmp/loglab-none-x", "--params", '{"rank": 4}'])).err).toMatch(/rank/);
    expect((await runCli(["train-classifier", "bert-lora", "--out", "/tmp/loglab-none-x", "--encoder", "/tmp/loglab-no-encoder"])).err).toMatch(/--encoder .*config\.json is missing/);
  });
});
