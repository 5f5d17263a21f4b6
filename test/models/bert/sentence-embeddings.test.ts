import { describe, expect, it } from "vitest";
import { embedWithEncoder } from "../../../lib/models/bert/sentence-embeddings.js";
import { disposeLogTextEncoder } from "../../../lib/models/bert/log-text-encoder.js";
import { tinyEncoder } from "./text-encoder-fixtures.js";

describe("embedWithEncoder", () => {
  it("gives one [hidden] row per message; messages with the same tokens get the same row", async () => {
    const { encoder } = await tinyEncoder();
    const e = embedWithEncoder(encoder, ["Failed password for root from 1.2.3.4 port 22 ssh2", "Failed password for root from 5.6.7.8 port 2222 ssh2", "Connection closed by 1.2.3.4"]);
    const H = encoder.config.hidden;
    expect(e.length).toBe(3 * H);
    expect(Array.from(e.subarray(0, H))).toEqual(Array.from(e.subarray(H, 2 * H)));
    expect(Array.from(e.subarray(0, H))).not.toEqual(Array.from(e.subarray(2 * H)));
    disposeLogTextEncoder(encoder);
  });
});
