import { describe, expect, it } from "vitest";
import { isLogClass, LOG_CLASSES, logClassIndex } from "../../lib/label/log-classes.js";

describe("log classes", () => {
  it("seven classes, normal first (index 0 is the stable 'normal' label of classifiers)", () => {
    expect(LOG_CLASSES).toEqual(["normal", "security", "system_failure", "performance", "network", "config", "hardware"]);
    expect(LOG_CLASSES.map(logClassIndex)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it("isLogClass accepts exactly the seven names (case-sensitive)", () => {
    for (const c of LOG_CLASSES) expect(isLogClass(c)).toBe(true);
    for (const s of ["Normal", "NETWORK", "failure", "", "system-failure"]) expect(isLogClass(s), s).toBe(false);
  });
});
