import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkSealedJson, jsonChecksum, sealJson } from "../../lib/io/sealed-json.js";

describe("sealJson / checkSealedJson", () => {
  const card = { format: "loglab.model", version: 2, threshold: 0.125, params: { epochs: 3, hidden: [64] }, name: "pca" };

  it("round-trips through JSON text, pretty or compact, and keeps the checksum last", () => {
    const sealed = sealJson(card);
    expect(Object.keys(sealed).at(-1)).toBe("sha256");
    expect(sealed.sha256).toBe(jsonChecksum(card));
    checkSealedJson(JSON.parse(JSON.stringify(sealed, null, 2)), "card.json");
    checkSealedJson(JSON.parse(JSON.stringify(sealed)), "card.json");
    expect(sealJson(sealed).sha256).toBe(sealed.sha256); // resealing is idempotent
  });

  it("names the file when the checksum is missing or does not match", () => {
    expect(() => checkSealedJson(card, "m/loglab-model.json")).toThrow(/m\/loglab-model\.json: no checksum/);
    expect(() => checkSealedJson({ ...sealJson(card), threshold: "0.125" }, "m/loglab-model.json")).toThrow(/m\/loglab-model\.json: checksum mismatch/);
    expect(() => checkSealedJson([1], "x")).toThrow(/not a JSON object/);
  });

  it("detects every single-bit flip of the written text that changes its value (property)", () => {
    const text = JSON.stringify(sealJson(card), null, 2);
    const bytes = new TextEncoder().encode(text);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), (bit) => {
        const b = bytes.slice();
        b[bit >> 3]! ^= 1 << (bit & 7);
        let parsed: unknown;
        try {
          parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(b));
        } catch {
          return; // not JSON any more: detected by the parser
        }
        let detected = false;
        try {
          checkSealedJson(parsed, "x");
        } catch {
          detected = true;
        }
        // Either the flip is caught, or it did not change the value (e.g. 1e5 → 1E5).
        if (!detected) expect(JSON.stringify(parsed)).toBe(JSON.stringify(sealJson(card)));
      }),
      { numRuns: 400, seed: 10 },
    );
  });
});
