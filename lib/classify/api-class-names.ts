import { LOG_CLASSES, type LogClass } from "../label/log-classes.js";

/**
 * The class names of the REST API, one per loglab class in {@link LOG_CLASSES} order (the same
 * index order as the multi-class log classifier loglab's API mirrors, whose documentation lists
 * Normal 0, Security Anomaly 1, System Failure 2, Performance Issue 3, Network Anomaly 4,
 * Config Error 5, Hardware Issue 6 and whose responses spell them as below). A client written
 * for that service reads these names unchanged; loglab's own names are the keys.
 */
export const API_CLASS_NAMES: Readonly<Record<LogClass, string>> = Object.freeze({
  normal: "normal",
  security: "security_anomaly",
  system_failure: "system_failure",
  performance: "performance_issue",
  network: "network_anomaly",
  config: "config_error",
  hardware: "hardware_issue",
});

/** The API name of a class index (0..6), or `class_<i>` for an index outside the seven. */
export function apiClassName(classIndex: number): string {
  const c = LOG_CLASSES[classIndex];
  return c === undefined ? `class_${classIndex}` : API_CLASS_NAMES[c];
}
