/** Options of {@link templateWords}. */
export interface TemplateWordOptions {
  /** Split `camelCase` and `PascalCase` identifiers into words (default true). */
  splitCamelCase?: boolean;
  /** Drop words shorter than this (default 2). */
  minLength?: number;
  /** Keep tokens made of digits (default false: numbers carry no meaning across templates). */
  keepNumbers?: boolean;
}

/**
 * The words of a template for semantic features and word embeddings: parameters (`<*>`,
 * `<:IP:>`) removed, identifiers split (`addStoredBlock` → add stored block), lower-cased,
 * punctuation and (by default) numbers dropped. The same preprocessing as LogRobust/NeuralLog's
 * template tokenisation.
 *
 * @example
 * templateWords("BLOCK* NameSystem.addStoredBlock: blockMap updated: <*> is added to <*>");
 * // ["block", "name", "system", "add", "stored", "block", "block", "map", "updated", "is", "added", "to"]
 */
export function templateWords(template: string, options: TemplateWordOptions = {}): string[] {
  const minLength = options.minLength ?? 2;
  let text = template.replace(/<\*>|<:[A-Za-z0-9_]+:>/g, " ");
  if (options.splitCamelCase ?? true) {
    text = text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2");
  }
  const re = options.keepNumbers ? /[A-Za-z]+|[0-9]+/g : /[A-Za-z]+/g;
  const out: string[] = [];
  for (const m of text.matchAll(re)) {
    const w = m[0].toLowerCase();
    if (w.length >= minLength) out.push(w);
  }
  return out;
}
