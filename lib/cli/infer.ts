import { runDetect } from "./detect.js";

export const usage = `usage: loglab infer --model DIR --input RAW.log [--out FILE [--force]]

Scores a raw file with a model trained on a raw log (\`loglab train MODEL --config FILE\`: token-level
text models, HTTP access-log detectors) and prints one line per item: LINES<TAB>score<TAB>0|1
(1 = anomalous: score > the threshold chosen on validation at training). LINES is the 1-based line
number, or first-last for a window of lines. Blank lines and lines that are not items (an access-log
line that does not parse) are counted on stderr with their reasons. --out FILE must be new; --force
replaces an earlier infer output. A model trained on key files is refused (use \`loglab detect\`).`;

export function run(argv: readonly string[]): Promise<number> {
  return runDetect(argv, "infer", usage);
}
