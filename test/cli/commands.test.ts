import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../lib/cli/commands.js";

describe("COMMANDS", () => {
  it("registers the documented subcommands, each with a one-line summary", () => {
    for (const name of ["parse", "synth", "train", "detect", "evaluate"]) expect(Object.keys(COMMANDS)).toContain(name);
    for (const [name, c] of Object.entries(COMMANDS)) {
      expect(c.summary.length, name).toBeGreaterThan(10);
      expect(c.summary, name).not.toContain("\n");
    }
  });

  it("each command loads lazily into a module with `run` and a usage text that starts with its own name", async () => {
    for (const [name, c] of Object.entries(COMMANDS)) {
      const mod = await c.load();
      expect(typeof mod.run, name).toBe("function");
      expect(mod.usage.startsWith(`usage: loglab ${name} `), `${name}: ${mod.usage.slice(0, 40)}`).toBe(true);
    }
  }, 30_000);
});
