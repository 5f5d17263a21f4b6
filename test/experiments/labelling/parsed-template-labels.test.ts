import { describe, expect, it } from "vitest";
import { rulesOnParsedTemplates } from "../../../lib/experiments/labelling/parsed-template-labels.js";

describe("rulesOnParsedTemplates", () => {
  it("labels the parser's templates and compares with the ground-truth templates", () => {
    const [hdfs, ssh] = rulesOnParsedTemplates(["HDFS", "OpenSSH"]);
    expect(hdfs!.system).toBe("HDFS");
    expect(hdfs!["ground-truth templates"]).toBe(14);
    expect(Number(hdfs!["parsed templates"])).toBeGreaterThan(0);
    expect(Number(ssh!["same class as ground truth"])).toBeGreaterThan(0.9);
    expect(Number(ssh!["line coverage (parsed)"])).toBeGreaterThan(0.5);
  });
});
