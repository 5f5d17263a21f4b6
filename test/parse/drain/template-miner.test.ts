import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { loghubLogPath, readLoghubStructured } from "../../../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS } from "../../../lib/parse/formats/loghub-presets.js";
import { readAllLines } from "../../../lib/io/line-reader.js";
import { groupingAccuracy } from "../../../lib/eval/grouping-accuracy.js";
import { parsingMetrics } from "../../../lib/eval/parsing-metrics.js";
import { loghubPreset } from "../../../lib/parse/formats/loghub-presets.js";
import { parseLines } from "../../../lib/parse/log-parser.js";
import { DEFAULT_MASKING_RULES } from "../../../lib/parse/masking.js";
import { DEFAULT_MINER_CONFIG, MINER_REFINEMENTS, TemplateMiner } from "../../../lib/parse/drain/template-miner.js";
import { DEFAULT_DRAIN_OPTIONS } from "../../../lib/parse/drain/drain.js";
import { LoglabRefinement } from "../../../lib/parse/drain/loglab-refinement.js";

const hdfsMasks = loghubPreset("HDFS").masks.map((pattern) => ({ name: "*", pattern }));

async function contents(system: (typeof LOGHUB_SYSTEMS)[number]): Promise<string[]> {
  const { lines } = await readAllLines(loghubLogPath(system));
  return lines.map((l) => loghubPreset(system).format.parse(l)!.content);
}

/** Fills a template's placeholders with the parameters, in order. */
function fill(template: string, params: readonly string[]): string {
  let k = 0;
  return template.replace(/<\*>|<:[A-Za-z0-9_]+:>/g, () => params[k++] ?? "");
}
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

describe("TemplateMiner on real lines", () => {
  it("gives exact templates and parameters on shipped HDFS lines (drain and loglab modes)", () => {
    for (const mode of ["drain", "loglab"] as const) {
      const m = new TemplateMiner({ mode, drain: { depth: 4, simThreshold: 0.5 }, masking: hdfsMasks });
      m.add("PacketResponder 1 for block blk_38865049064139660 terminating");
      const r = m.add("PacketResponder 0 for block blk_-6952295868487656571 terminating");
      expect(r.changeType).toBe("templateChanged");
      expect(r.template).toBe("PacketResponder <*> for block <*> terminating");
      expect(r.params).toEqual(["0", "blk_-6952295868487656571"]);
      const s = m.add("Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106 dest: /10.250.19.102:50010");
      expect(s.template).toBe(mode === "drain" ? "Receiving block <*> src: /<*> dest: /<*>" : "Receiving block <*> src: <*> dest: <*>");
      expect(s.params).toEqual(mode === "drain" ? ["blk_-1608999687919862906", "10.250.19.102:54106", "10.250.19.102:50010"] : ["blk_-1608999687919862906", "/10.250.19.102:54106", "/10.250.19.102:50010"]);
    }
  });

  it("loglab mode keeps shared punctuation around variables (frames) and splits few-valued wildcards", () => {
    const m = new TemplateMiner({ drain: { depth: 4, simThreshold: 0.5 } });
    const lines = ["data_thread() got not answer from any [Thunderbird_A8] datasource", "data_thread() got not answer from any [Thunderbird_B1] datasource", "Link ok", "Link error", "Link ok"];
    const ids = m.fit(lines);
    m.finalize();
    expect(m.assign(lines[0]!, ids[0]!).template).toBe("data_thread() got not answer from any [<*>] datasource");
    expect(m.assign(lines[0]!, ids[0]!).params).toEqual(["Thunderbird_A8"]);
    expect(m.assign(lines[2]!, ids[2]!).template).toBe("Link ok");
    expect(m.assign(lines[3]!, ids[3]!).template).toBe("Link error");
  });

  it("plain Drain reproduces logparser's published grouping accuracy on all 16 systems", async () => {
    for (const s of LOGHUB_SYSTEMS) {
      const { lines } = await readAllLines(loghubLogPath(s));
      const r = parseLines(lines, { format: s, mode: "drain" });
      const ga = groupingAccuracy(readLoghubStructured(s).map((g) => g.eventTemplate), r.events.map((e) => e.template)).ga;
      expect(ga, s).toBeCloseTo(loghubPreset(s).published.groupingAccuracy, 4);
    }
  }, 120_000);

  it("loglab mode beats plain Drain on average GA and corrected PA", async () => {
    const avg = { drain: { ga: 0, pa: 0 }, loglab: { ga: 0, pa: 0 } };
    for (const s of LOGHUB_SYSTEMS) {
      const { lines } = await readAllLines(loghubLogPath(s, { corrected: true }));
      const truth = readLoghubStructured(s, { corrected: true }).map((g) => g.eventTemplate);
      for (const mode of ["drain", "loglab"] as const) {
        const m = parsingMetrics(truth, parseLines(lines, { format: s, mode }).events.map((e) => e.template));
        avg[mode].ga += m.ga / 16;
        avg[mode].pa += m.pa / 16;
      }
    }
    expect(avg.loglab.ga).toBeGreaterThan(avg.drain.ga);
    expect(avg.loglab.pa).toBeGreaterThan(avg.drain.pa + 0.2);
  }, 120_000);
});

describe("TemplateMiner contracts", () => {
  it("match() changes nothing: same state before and after, same answers", async () => {
    const lines = (await contents("OpenSSH")).slice(0, 500);
    const m = new TemplateMiner({ drain: { depth: 5, simThreshold: 0.6 }, masking: DEFAULT_MASKING_RULES });
    m.fit(lines.slice(0, 400));
    const before = JSON.stringify(m.toState());
    const first = lines.slice(400).map((l) => m.match(l, "fallback"));
    const second = lines.slice(400).map((l) => m.match(l, "fallback"));
    expect(JSON.stringify(m.toState())).toBe(before);
    expect(second).toEqual(first);
    expect(first.filter((x) => x !== null).length).toBeGreaterThan(50);
  });

  it("fit then assign gives early lines their cluster's final template", () => {
    const m = new TemplateMiner({ mode: "drain", drain: { depth: 4, simThreshold: 0.4 } });
    const lines = ["user alice logged in", "user bob logged in"];
    const online = lines.map((l) => m.add(l).template);
    expect(online[0]).toBe("user alice logged in");
    const m2 = new TemplateMiner({ mode: "drain", drain: { depth: 4, simThreshold: 0.4 } });
    const ids = m2.fit(lines);
    expect(lines.map((l, i) => m2.assign(l, ids[i]!).template)).toEqual(["user <*> logged in", "user <*> logged in"]);
  });

  it("template ids are content hashes: same text, same id, in any miner", () => {
    const a = new TemplateMiner().add("disk sda1 full");
    const b = new TemplateMiner({ cacheSize: 0 }).add("disk sda1 full");
    expect(a.templateId).toBe(b.templateId);
    expect(a.templateId).toMatch(/^[0-9a-f]{12}$/);
  });

  it("rejects unknown settings by name", () => {
    expect(() => new TemplateMiner({ simTh: 0.4 } as never)).toThrow(/unknown setting "simTh"/);
  });

  it("never throws on random and binary-looking messages; parameters rebuild the message (property)", () => {
    const m = new TemplateMiner({ drain: { depth: 4, simThreshold: 0.4 }, masking: DEFAULT_MASKING_RULES });
    const plain = new TemplateMiner({ mode: "drain", drain: { depth: 4, simThreshold: 0.4 }, masking: DEFAULT_MASKING_RULES });
    const piece = fc.oneof(fc.constantFrom("a", "b", "10.0.0.1", "42", "0x1f", " ", "  ", "=", "[x]", "<*>", "<:NUM:>", "\u0000", "\ufffd", "é"), fc.string({ maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), (parts) => {
        const text = parts.join("");
        for (const miner of [m, plain]) {
          const r = miner.add(text);
          expect(squash(fill(r.template, r.params))).toBe(squash(text));
          const again = miner.match(text, "fallback");
          if (again) expect(squash(fill(again.template, again.params))).toBe(squash(text));
        }
      }),
      { numRuns: 1500, seed: 5 },
    );
  });
});

describe("TemplateMiner refinements", () => {
  it("plain Drain has no refinement; loglab mode's is LoglabRefinement; an unknown mode is named", () => {
    expect(MINER_REFINEMENTS.drain).toBeNull();
    expect(MINER_REFINEMENTS.loglab!(DEFAULT_MINER_CONFIG, DEFAULT_DRAIN_OPTIONS)).toBeInstanceOf(LoglabRefinement);
    expect(() => new TemplateMiner({ mode: "jaccard" as never })).toThrow(/mode must be one of "drain", "loglab", got "jaccard"/);
  });

  it("plain Drain's templates are the clusters' tokens; loglab mode refines the same clusters", () => {
    const lines = ["conn to [node_A1] ok", "conn to [node_B7] ok"];
    const plain = new TemplateMiner({ mode: "drain", drain: { depth: 4, simThreshold: 0.4 } });
    const loglab = new TemplateMiner({ mode: "loglab", drain: { depth: 4, simThreshold: 0.4 } });
    for (const l of lines) {
      plain.add(l);
      loglab.add(l);
    }
    expect(plain.templates().map((t) => t.template)).toEqual(["conn to <*> ok"]);
    expect(loglab.templates().map((t) => t.template)).toEqual(["conn to [<*>] ok"]);
    expect(plain.toState().stats).toEqual([]);
    expect(loglab.toState().stats).toHaveLength(1);
  });

  it("a plain Drain state carrying refinement statistics is rejected", () => {
    const loglab = new TemplateMiner({ mode: "loglab" });
    loglab.add("a b c");
    const state = { ...loglab.toState(), config: { ...loglab.toState().config, mode: "drain" as const } };
    expect(() => TemplateMiner.fromState(state)).toThrow(/mode "drain" keeps no per-cluster statistics, but the state has 1/);
  });
});
