import { describe, expect, it } from "vitest";
import { HttpRequestFeaturizer, requestFeatureTokens, userAgentFamily, HTTP_FEATURE_DEFAULTS } from "../../lib/features/http-request-tokens.js";
import { parseAccessLines } from "../../lib/features/http-requests.js";

const line = (ip: string, s: number, target: string, status = 200, agent = "Mozilla/5.0 Firefox/121.0", method = "GET") =>
  `${ip} - - [01/Jan/2024:00:${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")} +0000] "${method} ${target} HTTP/1.1" ${status} 100 "-" "${agent}"`;

describe("HTTP request features", () => {
  it("parses requests and rejects other lines with a reason", () => {
    const { requests, rejected } = parseAccessLines([line("1.1.1.1", 0, "/a/b?x=1&y=2"), "garbage"], "f.log");
    expect(requests[0]).toMatchObject({ method: "GET", path: "/a/b", query: "x=1&y=2", status: 200, client: "1.1.1.1", lineNo: 1 });
    expect(rejected).toEqual([{ file: "f.log", lineNo: 2, reason: expect.stringContaining("not an access-log line") }]);
  });
  it("codes structure, character classes and per-client rates (thermometer)", () => {
    const burst = Array.from({ length: 40 }, (_, i) => line("9.9.9.9", 100 + Math.floor(i / 10), "/products/1"));
    const lines = [line("1.1.1.1", 0, "/products?id=1'+OR+'1'='1"), ...burst, line("2.2.2.2", 300, "/static/../../etc/passwd", 404, "curl/8.4.0")];
    const tokens = requestFeatureTokens(parseAccessLines(lines, "f").requests, HTTP_FEATURE_DEFAULTS);
    expect(tokens[0]).toEqual(expect.arrayContaining(["method:GET", "status:200", "query-key:id", "chars:quote:2", "chars:sql-punct:1", "agent:browser", "client-requests@1>=1"]));
    expect(tokens[0]).not.toContain("client-requests@1>=2");
    expect(tokens[1]).toEqual(expect.arrayContaining(["client-requests@0>=16", "client-requests@1>=16"]));
    expect(tokens[41]).toEqual(expect.arrayContaining(["chars:dotdot:1", "status-class:4xx", "agent:curl"]));
    expect(userAgentFamily("sqlmap/1.7")).toBe("scanner");
    expect(userAgentFamily(null)).toBe("unknown");
  });
  it("numbers tokens by the training vocabulary; unseen tokens are [UNK] (1); JSON round trip", () => {
    const train = parseAccessLines([line("1.1.1.1", 0, "/a"), line("1.1.1.2", 5, "/a")], "t").requests;
    const f = HttpRequestFeaturizer.fit(train);
    const seq = f.transform(parseAccessLines([line("3.3.3.3", 0, "/zzz?q=<script>", 500)], "x").requests)[0]!;
    expect(seq).toContain(1);
    expect(f.transform(train)[0]!.every((k) => k > 1)).toBe(true);
    const g = HttpRequestFeaturizer.fromJSON(JSON.parse(JSON.stringify(f.toJSON())));
    expect(g.transform(train)).toEqual(f.transform(train));
    expect(() => HttpRequestFeaturizer.fromJSON({ format: "x" } as never)).toThrow(/not loglab HTTP request features/);
  });
});
