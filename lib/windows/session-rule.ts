/**
 * Which sessions a parsed line belongs to: by a header field (sshd's `Pid`, a request-id column),
 * by every match of a regex over the message content (HDFS block ids), or by both (the session is
 * the pair `<field value>|<match>`). `loglab sessions` and `loglab tail` share it.
 */

/** A session rule: at least one of `field` and `idPattern`. */
export interface SessionRule {
  /** Header field whose value names the line's session. */
  field?: string;
  /** Every match in the content names a session the line belongs to (a global regex). */
  idPattern?: RegExp;
}

/** Compiled {@link SessionRule}: `idsOf` returns the line's session ids, or the reason it has none. */
export interface SessionIdReader {
  idsOf(content: string, fields: Readonly<Record<string, string>>, where: string): string[] | { reason: string };
  /** The rule in words, e.g. `header field Pid` or `/blk_-?\d+/`. */
  describe: string;
}

/**
 * Compiles a rule. A field that the line's format does not have is an error naming the fields it
 * has (`where` names the line); a line whose field is empty, or whose content has no match,
 * belongs to no session (the reason says which).
 *
 * @example
 * const rule = sessionIdReader({ field: "Pid" });
 * rule.idsOf("Accepted password for bob", { Pid: "24200" }, "auth.log:3"); // ["24200"]
 */
export function sessionIdReader(rule: SessionRule): SessionIdReader {
  const { field } = rule;
  if (field === undefined && rule.idPattern === undefined) throw new Error("a session rule needs a header field, an id pattern or both");
  const re = rule.idPattern ? new RegExp(rule.idPattern.source, rule.idPattern.flags.includes("g") ? rule.idPattern.flags : rule.idPattern.flags + "g") : undefined;
  const noMatch = re ? `no session id matching /${re.source}/` : "";
  const noField = field !== undefined ? `no value in header field ${field}` : "";
  const matches = (content: string, where: string): string[] => {
    re!.lastIndex = 0;
    const found = content.match(re!);
    if (found === null) return [];
    if (found.length === 1) {
      if (found[0] === "") throw new Error(`${where}: the session id pattern /${re!.source}/ matches the empty string`);
      return found;
    }
    const ids: string[] = [];
    for (const m of found) {
      if (m === "") throw new Error(`${where}: the session id pattern /${re!.source}/ matches the empty string`);
      if (!ids.includes(m)) ids.push(m);
    }
    return ids;
  };
  return {
    describe: [field !== undefined ? `header field ${field}` : "", re ? `/${re.source}/` : ""].filter(Boolean).join(" + "),
    idsOf(content, fields, where) {
      let value: string | undefined;
      if (field !== undefined) {
        value = fields[field];
        if (value === undefined) throw new Error(`${where}: no header field "${field}" (fields: ${Object.keys(fields).join(", ") || "none"})`);
        if (value === "") return { reason: noField };
      }
      if (!re) return [value!];
      const ids = matches(content, where);
      if (ids.length === 0) return { reason: noMatch };
      return value === undefined ? ids : ids.map((m) => `${value}|${m}`);
    },
  };
}
