import { LOG_CLASSES, type IssueClass, type LogClass } from "./log-classes.js";
import { DEFAULT_LABEL_RULES, type LabelRule, type LabelRuleSet } from "./label-rules.js";

/**
 * How one class is chosen when rules of several classes fire on a line:
 * - `priority` (default): the highest class in the rule set's `priority` list;
 * - `first-match`: the class of the first rule, in table order (system rules first), that fires.
 * Either way, fallback rules decide only when no ordinary rule fired.
 */
export type LabelResolution = "priority" | "first-match";

/** The label of one line (or template). */
export interface RuleLabel {
  /** The resolved class (`normal` when no rule fired). */
  class: LogClass;
  /** Distinct classes whose rules fired (ordinary rules; or the fallback's class when only it fired), in priority order. */
  fired: IssueClass[];
  /** Ids of the rules that fired, in table order. */
  ruleIds: string[];
  /** More than one class fired among ordinary rules. */
  conflict: boolean;
}

interface CompiledRule {
  rule: LabelRule;
  /** Index in the effective table (for first-match). */
  order: number;
  match: RegExp | null;
  unless: RegExp | null;
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Word boundaries that also work next to punctuation ("error(s)", "connect()"): a keyword may not
// continue a word on either side.
const WORD_BEFORE = "(?<![A-Za-z0-9_])";
const WORD_AFTER = "(?![A-Za-z0-9_])";

function compileRule(rule: LabelRule, order: number): CompiledRule {
  const parts: string[] = [];
  for (const k of rule.keywords ?? []) {
    const body = escapeRegex(k.trim()).replace(/\s+/g, "\\s+");
    parts.push(`${/^[A-Za-z0-9_]/.test(k) ? WORD_BEFORE : ""}${body}${/[A-Za-z0-9_]$/.test(k) ? WORD_AFTER : ""}`);
  }
  for (const p of rule.patterns ?? []) parts.push(`(?:${p})`);
  const compile = (source: string, what: string): RegExp => {
    try {
      return new RegExp(source, "i");
    } catch (err) {
      throw new Error(`label rule ${rule.id}: ${what} is not a valid regular expression: ${(err as Error).message}`);
    }
  };
  return {
    rule,
    order,
    match: parts.length ? compile(parts.join("|"), "keywords/patterns") : null,
    unless: rule.unless && rule.unless.length ? compile(rule.unless.map((u) => `(?:${u})`).join("|"), "unless") : null,
  };
}

/**
 * Checks a rule table: unique ids, known classes, every regex valid, a complete priority list,
 * overrides that disable existing rules. Throws naming the rule.
 */
export function validateLabelRules(set: LabelRuleSet): void {
  const issue = LOG_CLASSES.filter((c): c is IssueClass => c !== "normal");
  const prio = new Set(set.priority);
  const missing = issue.filter((c) => !prio.has(c));
  if (missing.length || prio.size !== set.priority.length) {
    throw new Error(`label rules: priority must list each of ${issue.join(", ")} once (missing: ${missing.join(", ") || "none"})`);
  }
  const ids = new Set<string>();
  const check = (r: LabelRule, where: string): void => {
    if (ids.has(r.id)) throw new Error(`label rules: duplicate rule id "${r.id}" (${where})`);
    ids.add(r.id);
    if (!(issue as string[]).includes(r.class)) throw new Error(`label rule ${r.id}: class "${r.class}" is not one of ${issue.join(", ")}`);
    if (!(r.keywords?.length || r.patterns?.length)) throw new Error(`label rule ${r.id}: needs keywords or patterns`);
    compileRule(r, 0);
  };
  for (const r of set.rules) check(r, "common rules");
  for (const [system, o] of Object.entries(set.systems)) {
    for (const r of o.add ?? []) check(r, `system ${system}`);
    for (const d of o.disable ?? []) {
      if (!set.rules.some((r) => r.id === d)) throw new Error(`label rules: system ${system} disables unknown rule "${d}"`);
    }
  }
}

/**
 * The rules that apply to one system, in table order: the system's own rules first, then the
 * common rules it does not disable and whose `systems` list (if any) includes it.
 */
export function rulesForSystem(set: LabelRuleSet, system: string | null): LabelRule[] {
  const o = system ? set.systems[system] : undefined;
  const disabled = new Set(o?.disable ?? []);
  const common = set.rules.filter((r) => !disabled.has(r.id) && (!r.systems || (system !== null && r.systems.includes(system))));
  return [...(o?.add ?? []), ...common];
}

/** Replaces template parameter markers (`<*>`, `<:IP:>`) by a space so they never match a keyword. */
export function maskTemplateParams(template: string): string {
  return template.replace(/<\*>|<:[A-Za-z0-9_]+:>/g, " ");
}

/**
 * The rule-based 7-class labeler for one system. Rules come from a {@link LabelRuleSet}
 * (default {@link DEFAULT_LABEL_RULES}); see {@link LabelResolution} for how conflicts resolve.
 *
 * @example
 * const labeler = new RuleLabeler("OpenSSH");
 * labeler.label("Failed password for root from 1.2.3.4 port 22 ssh2").class; // "security"
 * labeler.labelTemplate("Failed password for <*> from <*> port <*> ssh2").class; // "security"
 */
export class RuleLabeler {
  readonly system: string | null;
  readonly resolution: LabelResolution;
  readonly rules: readonly LabelRule[];
  private readonly compiled: CompiledRule[];
  private readonly priorityRank: Map<IssueClass, number>;

  constructor(system: string | null, set: LabelRuleSet = DEFAULT_LABEL_RULES, options: { resolution?: LabelResolution } = {}) {
    validateLabelRules(set);
    this.system = system;
    this.resolution = options.resolution ?? "priority";
    this.rules = rulesForSystem(set, system);
    this.compiled = this.rules.map((r, i) => compileRule(r, i));
    this.priorityRank = new Map(set.priority.map((c, i) => [c, i]));
  }

  /** Labels one line from its message text and (optionally) its component field. */
  label(content: string, component?: string): RuleLabel {
    const fired: CompiledRule[] = [];
    for (const c of this.compiled) {
      const text = c.rule.field === "component" ? (component ?? "") : content;
      if (c.match && c.match.test(text) && !(c.unless && c.unless.test(text))) fired.push(c);
    }
    const ordinary = fired.filter((c) => !c.rule.fallback);
    const deciding = ordinary.length ? ordinary : fired;
    if (deciding.length === 0) return { class: "normal", fired: [], ruleIds: [], conflict: false };
    const classes = [...new Set(deciding.map((c) => c.rule.class))].sort((a, b) => this.rank(a) - this.rank(b));
    const cls = this.resolution === "priority" ? classes[0]! : deciding[0]!.rule.class;
    return { class: cls, fired: classes, ruleIds: fired.map((c) => c.rule.id), conflict: ordinary.length > 0 && classes.length > 1 };
  }

  /** Labels a template (parameters masked first, so a parameter value never fires a rule). */
  labelTemplate(template: string, component?: string): RuleLabel {
    return this.label(maskTemplateParams(template), component);
  }

  private rank(c: IssueClass): number {
    return this.priorityRank.get(c) ?? Number.MAX_SAFE_INTEGER;
  }
}
