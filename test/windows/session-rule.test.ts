import { describe, expect, it } from "vitest";
import { sessionIdReader } from "../../lib/windows/session-rule.js";

describe("sessionIdReader", () => {
  it("reads a header field, a content regex (every distinct match) or both", () => {
    expect(sessionIdReader({ field: "Pid" }).idsOf("Accepted password for bob", { Pid: "24200" }, "x:1")).toEqual(["24200"]);
    const re = sessionIdReader({ idPattern: /blk_-?\d+/ });
    expect(re.idsOf("copy blk_1 to blk_-2 then blk_1", {}, "x:1")).toEqual(["blk_1", "blk_-2"]);
    const both = sessionIdReader({ field: "Pid", idPattern: /user \w+/g });
    expect(both.idsOf("Invalid user admin from 1.2.3.4", { Pid: "7" }, "x:1")).toEqual(["7|user admin"]);
    expect(both.describe).toBe("header field Pid + /user \\w+/");
  });

  it("gives the reason when a line has no session, and an error for a field the format lacks", () => {
    const f = sessionIdReader({ field: "Pid" });
    expect(f.idsOf("kernel line", { Pid: "" }, "x:1")).toEqual({ reason: "no value in header field Pid" });
    expect(() => f.idsOf("x", { Host: "h" }, "auth.log:3")).toThrow('auth.log:3: no header field "Pid" (fields: Host)');
    expect(sessionIdReader({ idPattern: /blk_\d+/ }).idsOf("nothing", {}, "x:1")).toEqual({ reason: "no session id matching /blk_\\d+/" });
    expect(() => sessionIdReader({ idPattern: /a*/ }).idsOf("bbb", {}, "x:2")).toThrow(/matches the empty string/);
    expect(() => sessionIdReader({})).toThrow(/needs a header field/);
  });
});
