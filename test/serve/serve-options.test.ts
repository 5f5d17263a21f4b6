import { describe, expect, it } from "vitest";
import { DEFAULT_SERVE_LIMITS, resolveServeLimits } from "../../lib/serve/serve-options.js";

describe("serve limits", () => {
  it("default to 100 lines, 1 MiB, 16,384 characters a line, 30 s", () => {
    expect(resolveServeLimits()).toEqual({ bodyBytes: 1048576, maxLines: 100, maxLineChars: 16384, requestMs: 30000, receiveMs: 30000 });
    expect(resolveServeLimits({ maxLines: 5 })).toEqual({ ...DEFAULT_SERVE_LIMITS, maxLines: 5 });
  });
  it("reject values that are not positive integers, naming the limit", () => {
    expect(() => resolveServeLimits({ maxLines: 0 })).toThrow(/maxLines must be a positive integer, got 0/);
    expect(() => resolveServeLimits({ requestMs: 1.5 })).toThrow(/requestMs/);
  });
});
