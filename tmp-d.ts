import { LOGHUB_SYSTEMS, loadLoghubLabels, readLoghubStructured, LOG_CLASSES, Rng } from "./lib/index.js";
const lines: any[] = [];
for (const s of LOGHUB_SYSTEMS) { const l = loadLoghubLabels(s); const st = readLoghubStructured(s); l.rows.forEach((r, i) => lines.push({ group: `${s}:${r.eventId}`, y: r.classIndex, rules: r.rules, content: st[i]!.content, tpl: r.eventTemplate })); }
const byGroup = new Map<string, number[]>();
lines.forEach((l, i) => { const g = byGroup.get(l.group); if (g) g.push(i); else byGroup.set(l.group, [i]); });
const order = new Rng(42).fork("log-class-split").shuffle([...byGroup.keys()].sort());
const part = new Int8Array(lines.length); let filled = 0;
for (const g of order) { const m = byGroup.get(g)!; const sh = filled / lines.length; const p = sh < 0.6 ? 0 : sh < 0.8 ? 1 : 2; for (const i of m) part[i] = p; filled += m.length; }
const trainRules = new Set<string>();
lines.forEach((l, i) => { if (part[i] === 0) for (const r of l.rules.split(";").filter(Boolean)) trainRules.add(r); });
const seen = new Map<number, [number, number]>();
const tpls = new Map<string, any>();
lines.forEach((l, i) => { if (part[i] !== 2 || l.y === 0) return; const rs = l.rules.split(";").filter(Boolean); const ok = rs.some((r: string) => trainRules.has(r)); const s = seen.get(l.y) ?? [0, 0]; s[0]++; if (ok) s[1]++; seen.set(l.y, s); tpls.set(l.group, { cls: LOG_CLASSES[l.y], rules: l.rules, tpl: l.tpl, ok }); });
for (const [c, [n, k]] of seen) console.log(LOG_CLASSES[c], n, "lines; rule seen in train:", k);
for (const [g, t] of tpls) console.log(g, t.cls, t.ok ? "SEEN" : "new ", t.rules, "|", t.tpl.slice(0, 100));
