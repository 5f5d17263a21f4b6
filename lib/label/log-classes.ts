/**
 * The seven classes of the rule-based labeler. `normal` means "no rule fired"; the other six
 * name what a line is about when something is wrong or notable.
 */
export const LOG_CLASSES = ["normal", "security", "system_failure", "performance", "network", "config", "hardware"] as const;

/** One of the seven rule-based classes. */
export type LogClass = (typeof LOG_CLASSES)[number];

/** The six non-normal classes (a rule always names one of these). */
export type IssueClass = Exclude<LogClass, "normal">;

/** True when `value` is one of {@link LOG_CLASSES}. */
export function isLogClass(value: string): value is LogClass {
  return (LOG_CLASSES as readonly string[]).includes(value);
}

/** Index of a class in {@link LOG_CLASSES} (a stable integer label for classifiers: normal = 0). */
export function logClassIndex(cls: LogClass): number {
  return LOG_CLASSES.indexOf(cls);
}
