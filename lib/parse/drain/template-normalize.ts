/**
 * Template normalisation after Khan, Shin, Nejati, Sabetzadeh, "Guidelines for Assessing the
 * Accuracy of Log Message Template Identification Techniques", ICSE 2022 (the rules that produced
 * the corrected LogHub ground truth, also used by Loghub-2.0, Jiang et al. ISSTA 2024):
 *
 * - DS  whitespace runs collapse to one space, ends trimmed;
 * - PS  path-like strings (`/a/b`) become `<*>`;
 * - BL/US  `true`, `false`, `null`, `root`, `admin` (any case) become `<*>`;
 * - DG  numbers become `<*>`;
 * - WV  a word glued to a variable (`blk_<*>`, `<*>ms`) becomes `<*>`;
 * - DV  `<*>.<*>` becomes `<*>`;
 * - CV  `<*><*>` becomes `<*>`;
 * - and `<*>:<*>`, `<*>/<*>`, a quoted `"<*>"` become `<*>` (Loghub-2.0's post-processing).
 *
 * Written here from the rules' description. None of the rules crosses whitespace, so the
 * function works token by token: the normalised template has as many whitespace-separated
 * tokens as the input, which lets parameters be read per token.
 */

const PATH_DELIMS = new Set([",", "!", ";", ":", "=", "|", '"', "'", "[", "]", "(", ")", "{", "}"]);
const TOKEN_DELIMS = new Set([...PATH_DELIMS, ".", "-", "+", "@", "#", "$", "%", "&"]);
const WORDS = new Set(["true", "false", "null", "root", "admin"]);
const WILD = "<*>";
// DV and CV, plus the `<*>:<*>` and `<*>/<*>` joins of Loghub-2.0's post-processing: with them,
// normalising the original LogHub templates reproduces the corrected ones on 93.8% of the 32,000
// lines (85.0% with DV and CV alone; adding `@`, `#` or `##` joins lowers it).
const JOINS = ["<*>.<*>", "<*><*>", "<*>:<*>", "<*>/<*>"];

/** Splits `s` into pieces and single-character delimiters, in order (like `re.split` with a capturing group). */
function splitKeep(s: string, delims: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (delims.has(s[i]!)) {
      out.push(s.slice(start, i), s[i]!);
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

function isPathLike(p: string): boolean {
  // ^(/[^/]+)+$
  if (p.length < 2 || p.charCodeAt(0) !== 47) return false;
  let seg = 0;
  for (let i = 1; i < p.length; i++) {
    if (p.charCodeAt(i) === 47) {
      if (seg === 0) return false;
      seg = 0;
    } else seg++;
  }
  return seg > 0;
}

function isDigits(p: string): boolean {
  if (p.length === 0) return false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** WV: `^[^\s/]*<\*>[^\s/]*$` and not exactly `<*>/<*>`. */
function isGluedVariable(p: string): boolean {
  const k = p.indexOf(WILD);
  if (k < 0 || p.includes("/") || p === "<*>/<*>") return false;
  return true;
}

/** Options of {@link normalizeTemplateToken}. */
export interface NormalizeOptions {
  /**
   * Also turn variable *shapes* into `<*>` before the rules: UUIDs, MAC addresses, `0x…` hex
   * numbers, and hex strings of 8+ digits holding a digit (ids). Default false (the rules only).
   */
  shapes?: boolean;
}

const UUID = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;
const MAC = /(?<![0-9a-fA-F:])[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}(?![0-9a-fA-F:])/g;
const HEX = /(?<![0-9a-zA-Z])0[xX][0-9a-fA-F]+(?![0-9a-zA-Z])/g;

/** UUIDs, MAC addresses and `0x…` numbers inside a token become `<*>`. */
export function maskVariableShapes(token: string): string {
  let t = token;
  if (t.length >= 36 && t.includes("-")) t = t.replace(UUID, WILD);
  if (t.length >= 17 && t.includes(":")) t = t.replace(MAC, WILD);
  if (t.includes("0x") || t.includes("0X")) t = t.replace(HEX, WILD);
  return t;
}

function isLongHex(p: string): boolean {
  if (p.length < 8) return false;
  let digit = false;
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if (!((c >= 97 && c <= 102) || (c >= 65 && c <= 70))) return false;
  }
  return digit;
}

/**
 * Normalises one whitespace-free token by the rules above.
 *
 * @example
 * normalizeTemplateToken("blk_<*>");        // "<*>"
 * normalizeTemplateToken("/10.0.0.1:50010"); // "<*>"
 * normalizeTemplateToken("v6.1.7601");       // "v6.<*>"
 */
export function normalizeTemplateToken(token: string, options: NormalizeOptions = {}): string {
  let t = token;
  if (options.shapes) t = maskVariableShapes(t);
  // PS on pieces split at path delimiters.
  if (t.includes("/")) {
    const parts = splitKeep(t, PATH_DELIMS);
    let changed = false;
    for (let i = 0; i < parts.length; i += 2) {
      if (isPathLike(parts[i]!)) {
        parts[i] = WILD;
        changed = true;
      }
    }
    if (changed) t = parts.join("");
  }
  // BL, US, DG, WV on pieces split at all token delimiters.
  const parts = splitKeep(t, TOKEN_DELIMS);
  let changed = false;
  for (let i = 0; i < parts.length; i += 2) {
    const p = parts[i]!;
    if (p === "" || p === WILD) continue;
    if (WORDS.has(p.toLowerCase()) || isDigits(p) || isGluedVariable(p) || (options.shapes === true && isLongHex(p))) {
      parts[i] = WILD;
      changed = true;
    }
  }
  if (changed) t = parts.join("");
  // DV then CV, and the joins Loghub-2.0's post-processing also merges (`<*>:<*>`, `<*>/<*>`, …).
  if (t.includes(WILD)) {
    let prev: string;
    do {
      prev = t;
      for (const j of JOINS) if (t.includes(j)) t = t.split(j).join(WILD);
    } while (t !== prev);
    if (t === '"<*>"' || t === "'<*>'") t = WILD;
  }
  return t;
}

/**
 * Normalises a template (a string of whitespace-separated tokens).
 *
 * @example
 * normalizeTemplate("Receiving block blk_<*> src: /<*> dest: /<*>"); // "Receiving block <*> src: <*> dest: <*>"
 */
export function normalizeTemplate(template: string, options: NormalizeOptions = {}): string {
  const tokens = template.trim().split(/\s+/);
  if (tokens.length === 1 && tokens[0] === "") return "";
  return tokens.map((t) => normalizeTemplateToken(t, options)).join(" ");
}
