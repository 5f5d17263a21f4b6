import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compileHeaderMatcher } from "../../../lib/parse/formats/header-matcher.js";
import { compileLogFormat } from "../../../lib/parse/formats/loghub-format.js";

const FORMATS = [
  "<Date> <Time> <Pid> <Level> <Component>: <Content>",
  "<Month> <Date> <Time> <Level> <Component>(\\[<PID>\\])?: <Content>",
  "<Label> <Timestamp> <Date> <User> <Month> <Day> <Time> <Location> <Component>(\\[<PID>\\])?: <Content>",
  "\\[<Time>\\] \\[<Level>\\] <Content>",
  "<Time>\\|<Component>\\|<Pid>\\|<Content>",
  "<Month>  <Date> <Time> <User> <Component>\\[<PID>\\]( \\(<Address>\\))?: <Content>",
];

/** The regex's answer: field texts (in order of appearance) or null. */
function viaRegex(format: string, line: string): (string | undefined)[] | null {
  const c = compileLogFormat(format);
  const m = c.regex.exec(line);
  if (!m) return null;
  const names = (format.match(/<[^<>]+>/g) ?? []).map((s) => s.slice(1, -1));
  return names.map((n) => (n === "Content" ? m[c.contentGroup] : m[c.groupOf[c.fields.indexOf(n)]!]));
}

function viaMatcher(format: string, line: string): (string | undefined)[] | null {
  const { matcher } = compileHeaderMatcher(format)!;
  if (!matcher.match(line)) return null;
  return Array.from({ length: matcher.fieldCount }, (_, i) => (matcher.starts[i]! < 0 ? undefined : line.slice(matcher.starts[i], matcher.ends[i])));
}

describe("HeaderMatcher", () => {
  it("gives exactly the RegExp's answer on random lines (property)", () => {
    const alphabet = fc.constantFrom("a", "1", " ", "  ", ":", "[", "]", "(", ")", "|", "-", "x y", ": ");
    for (const format of FORMATS) {
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 14 }), (parts) => {
          const line = parts.join("").trim();
          expect(viaMatcher(format, line)).toEqual(viaRegex(format, line));
        }),
        { numRuns: 400, seed: 11 },
      );
    }
  });

  it("answers quickly on long lines that do not match (no exponential backtracking)", () => {
    const format = FORMATS[2]!;
    const line = Array.from({ length: 300 }, (_, i) => `w${i}`).join(" ") + " : no";
    const t0 = performance.now();
    viaMatcher(format, line);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it("declines regex syntax it does not model", () => {
    expect(compileHeaderMatcher("<A>|<B> <Content>")).toBeNull();
    expect(compileHeaderMatcher("<A>\\s<Content>")).toBeNull();
  });
});
