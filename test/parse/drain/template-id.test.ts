import { describe, expect, it } from "vitest";
import { templateId } from "../../../lib/parse/drain/template-id.js";

describe("templateId", () => {
  it("is the first 12 hex digits of the SHA-1 of the template text (UTF-8), known answers", () => {
    // Expected values from `echo -n TEXT | sha1sum`.
    expect(templateId("PacketResponder <*> for block <*> terminating")).toBe("9f3cef9867f5");
    expect(templateId("")).toBe("da39a3ee5e6b");
    expect(templateId("é <*>")).toBe("2de58e60d89c");
  });

  it("differs for texts that differ only in whitespace or case", () => {
    const ids = new Set(["a <*>", "a  <*>", "A <*>", "a <*> "].map(templateId));
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}$/);
  });
});
