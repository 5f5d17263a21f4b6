import { afterEach, describe, expect, it } from "vitest";
import { byProfile, resolveProfile } from "../../lib/runtime/profile.js";

const saved = process.env.LOGLAB_PROFILE;
afterEach(() => {
  if (saved === undefined) delete process.env.LOGLAB_PROFILE;
  else process.env.LOGLAB_PROFILE = saved;
});

describe("resolveProfile", () => {
  it("reads LOGLAB_PROFILE, falls back to the default, rejects junk", () => {
    delete process.env.LOGLAB_PROFILE;
    expect(resolveProfile()).toBe("smoke");
    expect(resolveProfile("full")).toBe("full");
    process.env.LOGLAB_PROFILE = "full";
    expect(resolveProfile()).toBe("full");
    process.env.LOGLAB_PROFILE = "huge";
    expect(() => resolveProfile()).toThrow(/LOGLAB_PROFILE=huge/);
  });
  it("byProfile picks the value of the profile", () => {
    expect(byProfile("smoke", { smoke: 1, full: 9 })).toBe(1);
    expect(byProfile("full", { smoke: 1, full: 9 })).toBe(9);
  });
});
