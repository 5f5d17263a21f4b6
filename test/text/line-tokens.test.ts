import { describe, expect, it } from "vitest";
import { LineTokenizer, LINE_UNK_ID } from "../../lib/text/line-tokens.js";

describe("LineTokenizer", () => {
  it("masks parameters, numbers tokens by training lines, unknown → [UNK]", () => {
    const t = LineTokenizer.fit(["Connection from 10.0.0.1 closed", "connection reset"]);
    const [a, b] = t.transform(["connection from 10.9.9.9 closed", "totally new"]).sequences;
    expect(a!.map((id) => t.word(id))).toEqual(["connection", "from", "[IP]", "closed"]);
    expect(b).toEqual([LINE_UNK_ID, LINE_UNK_ID]);
  });
  it("keeps the first maxTokens tokens; windows of lines report their spans", () => {
    const t = LineTokenizer.fit(["a b c d e"], { maxTokens: 3, windowLines: 2 });
    const items = t.transform(["a b", "c d e", "a"]);
    expect(items.sequences.map((s) => s.length)).toEqual([3, 1]);
    expect(items.spans).toEqual([[0, 1], [2, 2]]);
  });
  it("skips leading columns (BGL's label column never reaches the model); JSON round trip", () => {
    const t = LineTokenizer.fit(["- 1117838570 RAS KERNEL INFO ok", "APPREAD 1117838571 RAS APP FATAL bad"], { skipColumns: 1 });
    expect(t.vocabulary.has("appread")).toBe(false);
    expect(t.words("KERNDTLB x y")).toEqual(["x", "y"]);
    const u = LineTokenizer.fromJSON(JSON.parse(JSON.stringify(t.toJSON())));
    expect(u.transform(["- 1 RAS ok"])).toEqual(t.transform(["- 1 RAS ok"]));
  });
});
