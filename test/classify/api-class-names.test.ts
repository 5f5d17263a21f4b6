import { describe, expect, it } from "vitest";
import { API_CLASS_NAMES, apiClassName } from "../../lib/classify/api-class-names.js";
import { LOG_CLASSES } from "../../lib/label/log-classes.js";

describe("API class names", () => {
  it("map loglab's seven classes, in index order, onto the mirrored service's names", () => {
    expect(LOG_CLASSES.map((_, i) => apiClassName(i))).toEqual(["normal", "security_anomaly", "system_failure", "performance_issue", "network_anomaly", "config_error", "hardware_issue"]);
    for (const c of LOG_CLASSES) expect(API_CLASS_NAMES[c]).toBe(apiClassName(LOG_CLASSES.indexOf(c)));
  });
  it("names an index outside the seven instead of failing", () => {
    expect(apiClassName(9)).toBe("class_9");
  });
});
