import { describe, expect, it } from "vitest";
import { severityFromKeywords, severityFromLevel, severityOf, SEVERITY_NAMES } from "../../lib/label/severity.js";

describe("severity", () => {
  it("maps the level spellings of the LogHub systems to ordinals", () => {
    expect(["D", "I", "W", "E", "F"].map((l) => severityFromLevel(l))).toEqual([0, 1, 3, 4, 5]); // Android
    expect(["INFO", "WARNING", "SEVERE", "ERROR", "FATAL", "FAILURE"].map((l) => severityFromLevel(l))).toEqual([1, 3, 4, 4, 5, 5]); // BGL
    expect(severityFromLevel("notice")).toBe(2); // Apache
    expect(severityFromLevel("Info")).toBe(1); // Windows
    expect(severityFromLevel("combo")).toBeNull(); // Linux's "Level" column is a host name
    expect(severityFromLevel(undefined)).toBeNull();
  });
  it("falls back to keywords when there is no usable level", () => {
    expect(severityFromKeywords("rts panic! - stopping execution")).toBe(5);
    expect(severityFromKeywords("Failed password for root")).toBe(4);
    expect(severityFromKeywords("java.net.NoRouteToHostException: No Route to Host")).toBe(4);
    expect(severityFromKeywords("Notification time out: 3200")).toBe(1);
    expect(severityFromKeywords("request timed out")).toBe(3);
    expect(severityFromKeywords("session opened for user root")).toBe(1);
  });
  it("says where the severity came from", () => {
    expect(severityOf({ level: "E", content: "ok" })).toEqual({ ordinal: 4, name: "error", source: "level" });
    expect(severityOf({ level: "combo", content: "authentication failure" })).toEqual({ ordinal: 4, name: "error", source: "keywords" });
    expect(SEVERITY_NAMES[severityOf({ content: "hello" }).ordinal]).toBe("info");
  });
});
