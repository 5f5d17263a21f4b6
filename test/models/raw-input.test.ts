import { describe, expect, it } from "vitest";
import { HttpRequestFeaturizer } from "../../lib/features/http-request-tokens.js";
import { parseAccessLines } from "../../lib/features/http-requests.js";
import { rawInputFromJson, rawInputToJson, rawLinesToItems, type RawInput } from "../../lib/models/raw-input.js";
import { LineTokenizer } from "../../lib/text/line-tokens.js";

const req = '1.2.3.4 - - [01/Jan/2024:00:00:00 +0000] "GET /a HTTP/1.1" 200 10';

describe("raw input", () => {
  it("text lines: blank lines are rejected, items keep their file line numbers", () => {
    const input: RawInput = { kind: "text-lines", tokenizer: LineTokenizer.fit(["a b"], { windowLines: 2 }) };
    const items = rawLinesToItems(input, ["a", "", "b", "a b", "b"], "f");
    expect(items.lines).toEqual([[1, 3], [4, 5]]);
    expect(items.rejected).toEqual([{ file: "f", lineNo: 2, reason: "blank line" }]);
  });
  it("access logs: one item per request, non-requests rejected; JSON round trip keeps the sessions", () => {
    const input: RawInput = { kind: "http-access", featurizer: HttpRequestFeaturizer.fit(parseAccessLines([req, req], "t").requests) };
    const items = rawLinesToItems(input, ["oops", req, "", req], "f");
    expect(items.lines).toEqual([[2, 2], [4, 4]]);
    expect(items.rejected.map((r) => r.lineNo)).toEqual([1, 3]);
    const back = rawInputFromJson(JSON.parse(JSON.stringify(rawInputToJson(input))), "x");
    expect(rawLinesToItems(back, ["oops", req, "", req], "f")).toEqual(items);
    expect(() => rawInputFromJson({ format: "loglab.raw-input", version: 1, kind: "csv" } as never, "x.json")).toThrow(/unknown raw-input kind/);
  });
});
