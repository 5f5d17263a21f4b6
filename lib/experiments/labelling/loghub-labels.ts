import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { readLoghubStructured } from "../../data/loghub-2k.js";
import { LOGHUB_SYSTEMS, type LoghubSystem } from "../../parse/formats/loghub-presets.js";
import { writeFileAtomic, writeJsonAtomic } from "../../io/atomic-write.js";
import { csvLine, readCsvFile } from "../../io/csv.js";
import { sha256 } from "../../io/file-hash.js";
import { checkSealedJson, sealJson } from "../../io/sealed-json.js";
import { resultsPath } from "../../runtime/project.js";
import { applyRuleLabels, type LabelUnit } from "../../label/apply-rule-labels.js";
import { labelConflictRows, labelCoverage, labelCoverageRows, type LabelConflictRow, type LabelCoverage, type LabelCoverageRow } from "../../label/label-coverage.js";
import { DEFAULT_LABEL_RULES, type LabelRuleSet } from "../../label/label-rules.js";
import { isLogClass, logClassIndex, type LogClass } from "../../label/log-classes.js";
import { RuleLabeler, type LabelResolution } from "../../label/rule-labeler.js";
import { severityOf, SEVERITY_NAMES, type SeverityName } from "../../label/severity.js";

/** Options of {@link labelLoghubSystem}. */
export interface LoghubLabelOptions {
  /** Label each line's message (`line`, default) or each ground-truth template once (`template`). */
  unit?: LabelUnit;
  /** Conflict resolution (default `priority`). */
  resolution?: LabelResolution;
  /** The rule table (default {@link DEFAULT_LABEL_RULES}). */
  rules?: LabelRuleSet;
  /** Use the corrected ground-truth templates of Khan et al. (default false: LogHub's original ones). */
  corrected?: boolean;
}

/** One labeled line of a LogHub 2k sample (one row of `results/02-labeling/labels/<System>.csv`). */
export interface LoghubLabelRow {
  /** 1-based line in `<System>_2k.log`. */
  lineId: number;
  eventId: string;
  eventTemplate: string;
  /** The component field (`Component`, or Proxifier's `Program`; empty when the format has none). */
  component: string;
  /** The level field as written (empty when the format has none). */
  level: string;
  /** The rule-based 7-class label. */
  class: LogClass;
  /** Its index in LOG_CLASSES (normal = 0), for classifiers. */
  classIndex: number;
  /** Severity ordinal 0 (debug) … 5 (critical). */
  severity: number;
  severityName: SeverityName;
  severitySource: "level" | "keywords";
  /** Ids of the rules that fired, `;`-separated. */
  rules: string;
  /** Rules of two or more classes fired. */
  conflict: boolean;
}

/** A labeled system with its coverage report. */
export interface LoghubLabeling {
  system: LoghubSystem;
  unit: LabelUnit;
  resolution: LabelResolution;
  corrected: boolean;
  /** Hash of the rule table and options: a saved file is reused only when it matches. */
  fingerprint: string;
  rows: LoghubLabelRow[];
  coverage: LabelCoverage;
  /** The most frequent conflicting class combinations, with an example each. */
  conflicts: LabelConflictRow[];
}

const COMPONENT_FIELDS = ["Component", "Program"];

/** The fingerprint of a labeling configuration (rules + options). */
export function loghubLabelFingerprint(options: LoghubLabelOptions = {}): string {
  const o = { unit: options.unit ?? "line", resolution: options.resolution ?? "priority", corrected: options.corrected === true, rules: options.rules ?? DEFAULT_LABEL_RULES };
  return sha256(JSON.stringify(o)).slice(0, 16);
}

/**
 * Labels one LogHub 2k system with the rule-based 7-class labeler and the severity ordinal,
 * reading the shipped ground-truth rows (messages, header fields, templates).
 *
 * @example
 * const l = labelLoghubSystem("OpenSSH");
 * l.coverage.lineCoverage; // share of lines some rule fired on
 * l.rows[0]; // { lineId: 1, eventTemplate: "reverse mapping … POSSIBLE BREAK-IN ATTEMPT!", class: "security", … }
 */
export function labelLoghubSystem(system: LoghubSystem, options: LoghubLabelOptions = {}): LoghubLabeling {
  const unit = options.unit ?? "line";
  const resolution = options.resolution ?? "priority";
  const rules = options.rules ?? DEFAULT_LABEL_RULES;
  const gt = readLoghubStructured(system, { corrected: options.corrected === true });
  const componentField = COMPONENT_FIELDS.find((f) => gt[0] && f in gt[0].fields);
  const lines = gt.map((r) => ({ content: r.content, template: r.eventTemplate, component: componentField ? r.fields[componentField] : undefined }));
  const labeler = new RuleLabeler(system, rules, { resolution });
  const labels = applyRuleLabels(lines, labeler, unit);
  const rows: LoghubLabelRow[] = gt.map((r, i) => {
    const l = labels[i]!;
    const level = r.fields.Level ?? "";
    const sev = severityOf({ level: level || undefined, content: r.content });
    return {
      lineId: r.lineId,
      eventId: r.eventId,
      eventTemplate: r.eventTemplate,
      component: componentField ? (r.fields[componentField] ?? "") : "",
      level,
      class: l.class,
      classIndex: logClassIndex(l.class),
      severity: sev.ordinal,
      severityName: sev.name,
      severitySource: sev.source,
      rules: l.ruleIds.join(";"),
      conflict: l.conflict,
    };
  });
  const fallback = new Set(labeler.rules.filter((r) => r.fallback).map((r) => r.id));
  return {
    system,
    unit,
    resolution,
    corrected: options.corrected === true,
    fingerprint: loghubLabelFingerprint(options),
    rows,
    coverage: labelCoverage(system, unit, labels, gt.map((r) => r.eventTemplate), fallback),
    conflicts: labelConflictRows(system, labels, unit === "template" ? gt.map((r) => r.eventTemplate) : gt.map((r) => r.content)),
  };
}

const CSV_COLUMNS = ["LineId", "EventId", "EventTemplate", "Component", "Level", "class", "class_index", "severity", "severity_name", "severity_source", "rules", "conflict"] as const;

/** Where notebook 02 writes a system's labels: `results/02-labeling/labels/<System>.csv`. */
export function loghubLabelsPath(system: LoghubSystem, dir: string = resultsPath("02-labeling", "labels")): string {
  return join(dir, `${system}.csv`);
}

/**
 * Writes a labeling as `<dir>/<System>.csv` (columns LineId, EventId, EventTemplate, Component,
 * Level, class, class_index, severity, severity_name, severity_source, rules, conflict) and
 * `<System>.meta.json` (options and fingerprint). Returns both paths.
 */
export function writeLoghubLabels(labeling: LoghubLabeling, dir: string = resultsPath("02-labeling", "labels")): { csv: string; meta: string } {
  const csv = loghubLabelsPath(labeling.system, dir);
  const lines = [csvLine([...CSV_COLUMNS])];
  for (const r of labeling.rows) {
    lines.push(csvLine([r.lineId, r.eventId, r.eventTemplate, r.component, r.level, r.class, r.classIndex, r.severity, r.severityName, r.severitySource, r.rules, r.conflict ? 1 : 0]));
  }
  const text = lines.join("\n") + "\n";
  writeFileAtomic(csv, text);
  const meta = join(dir, `${labeling.system}.meta.json`);
  writeJsonAtomic(meta, sealJson({ format: "loglab.loghub-labels", version: 2, system: labeling.system, unit: labeling.unit, resolution: labeling.resolution, corrected: labeling.corrected, fingerprint: labeling.fingerprint, rows: labeling.rows.length, coverage: labeling.coverage, csvSha256: sha256(text) }));
  return { csv, meta };
}

/** Reads a labels CSV written by {@link writeLoghubLabels}; errors name the file and row. */
export function readLoghubLabelsCsv(path: string): LoghubLabelRow[] {
  const { header, records } = readCsvFile(path);
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${path}: missing columns ${missing.join(", ")}`);
  const at = (name: (typeof CSV_COLUMNS)[number]): number => header.indexOf(name);
  return records.map((r, k) => {
    const cls = r[at("class")]!;
    if (!isLogClass(cls)) throw new Error(`${path}: row ${k + 2} has class "${cls}"`);
    const sevName = r[at("severity_name")]! as SeverityName;
    if (!(SEVERITY_NAMES as readonly string[]).includes(sevName)) throw new Error(`${path}: row ${k + 2} has severity "${sevName}"`);
    return {
      lineId: Number(r[at("LineId")]),
      eventId: r[at("EventId")]!,
      eventTemplate: r[at("EventTemplate")]!,
      component: r[at("Component")]!,
      level: r[at("Level")]!,
      class: cls,
      classIndex: Number(r[at("class_index")]),
      severity: Number(r[at("severity")]),
      severityName: sevName,
      severitySource: r[at("severity_source")] === "level" ? "level" : "keywords",
      rules: r[at("rules")]!,
      conflict: r[at("conflict")] === "1",
    };
  });
}

/**
 * The 7-class labels of a LogHub system for other notebooks (e.g. 05's classifier): read from
 * notebook 02's `results/02-labeling/labels/<System>.csv` when it exists and was made with the
 * same rules and options (same fingerprint), else recomputed (nothing is written). `source` says
 * which happened.
 *
 * @example
 * const { rows, source } = loadLoghubLabels("Linux");
 * rows.map((r) => r.classIndex); // targets, aligned with readLoghubStructured("Linux")
 */
export function loadLoghubLabels(system: LoghubSystem, options: LoghubLabelOptions & { dir?: string } = {}): { rows: LoghubLabelRow[]; source: "file" | "computed"; path: string } {
  const dir = options.dir ?? resultsPath("02-labeling", "labels");
  const path = loghubLabelsPath(system, dir);
  const metaPath = join(dir, `${system}.meta.json`);
  if (existsSync(path) && existsSync(metaPath)) {
    try {
      const meta = JSON.parse(readFileSync(metaPath, "utf8")) as { version?: number; fingerprint?: string; csvSha256?: string };
      // Version 2 records the CSV's SHA-256: a damaged or edited labels file is recomputed, never used.
      const intact = meta.version !== 2 || (checkSealedOk(meta) && sha256(readFileSync(path)) === meta.csvSha256);
      if (intact && meta.fingerprint === loghubLabelFingerprint(options)) {
        const rows = readLoghubLabelsCsv(path);
        if (rows.length === 2000) return { rows, source: "file", path };
      }
    } catch {
      // unreadable or stale file: recompute below
    }
  }
  return { rows: labelLoghubSystem(system, options).rows, source: "computed", path };
}

function checkSealedOk(value: unknown): boolean {
  try {
    checkSealedJson(value, "labels meta");
    return true;
  } catch {
    return false;
  }
}

/**
 * Labels several LogHub systems (default all 16) with the same options.
 *
 * @example
 * const all = labelLoghubSystems(LOGHUB_SYSTEMS, { unit: "template" });
 */
export function labelLoghubSystems(systems: readonly LoghubSystem[] = LOGHUB_SYSTEMS, options: LoghubLabelOptions = {}): LoghubLabeling[] {
  return systems.map((s) => labelLoghubSystem(s, options));
}

/** Writes every labeling with {@link writeLoghubLabels}; returns the CSV paths. */
export function writeLoghubLabelSet(labelings: readonly LoghubLabeling[], dir: string = resultsPath("02-labeling", "labels")): string[] {
  return labelings.map((l) => writeLoghubLabels(l, dir).csv);
}

/** Coverage rows of several labelings (see {@link labelCoverageRows}). */
export function loghubCoverageRows(labelings: readonly LoghubLabeling[]): LabelCoverageRow[] {
  return labelCoverageRows(labelings.map((l) => l.coverage));
}

/** The conflict rows of several labelings, concatenated. */
export function loghubConflictRows(labelings: readonly LoghubLabeling[], perSystem = 5): LabelConflictRow[] {
  return labelings.flatMap((l) => l.conflicts.slice(0, perSystem));
}

/** One row of the severity table: a system's lines per severity, and where severities came from. */
export type SeverityDistributionRow = { system: string; lines: number; "from level field": number; "from keywords": number } & { [S in SeverityName]: number };

/** Lines per severity per system, and how many severities came from a level field. */
export function severityDistributionRows(labelings: readonly LoghubLabeling[]): SeverityDistributionRow[] {
  return labelings.map((l) => {
    const counts = Object.fromEntries(SEVERITY_NAMES.map((n) => [n, 0])) as Record<SeverityName, number>;
    let fromLevel = 0;
    for (const r of l.rows) {
      counts[r.severityName]++;
      if (r.severitySource === "level") fromLevel++;
    }
    return { system: l.system, lines: l.rows.length, "from level field": fromLevel, "from keywords": l.rows.length - fromLevel, ...counts };
  });
}

/**
 * Coverage of saved label rows (as {@link loadLoghubLabels} returns them), for notebooks that
 * read notebook 02's files instead of relabeling.
 */
export function coverageFromLabelRows(system: string, unit: LabelUnit, rows: readonly LoghubLabelRow[], fallbackRuleIds: ReadonlySet<string> = new Set(DEFAULT_LABEL_RULES.rules.filter((r) => r.fallback).map((r) => r.id))): LabelCoverage {
  const labels = rows.map((r) => ({ class: r.class, fired: [], ruleIds: r.rules ? r.rules.split(";") : [], conflict: r.conflict }));
  return labelCoverage(system, unit, labels, rows.map((r) => r.eventTemplate), fallbackRuleIds);
}

/**
 * Per-system coverage of the saved 7-class labels (notebook 02's files, or recomputed where a
 * file is missing or stale), with where each came from.
 */
export function loadLoghubLabelCoverage(systems: readonly LoghubSystem[] = LOGHUB_SYSTEMS, options: LoghubLabelOptions & { dir?: string } = {}): { coverage: LabelCoverage[]; sources: { system: LoghubSystem; source: "file" | "computed"; path: string }[] } {
  const loaded = systems.map((s) => ({ system: s, ...loadLoghubLabels(s, options) }));
  return {
    coverage: loaded.map((l) => coverageFromLabelRows(l.system, options.unit ?? "line", l.rows)),
    sources: loaded.map((l) => ({ system: l.system, source: l.source, path: l.path })),
  };
}
