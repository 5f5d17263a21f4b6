/**
 * A matcher for LogHub-style header patterns that gives exactly the regex's answer (fields are
 * lazy `.*?`, runs of spaces are greedy `\s+`, `(…)?` groups are greedy optionals, anchored at
 * both ends) in polynomial time.
 *
 * Why not just the RegExp: the pattern is a chain of lazy groups separated by whitespace, and on
 * a line that does *not* match (format detection tries every format on every line; real files
 * hold stray lines) a backtracking engine tries every way to split the line among the fields:
 * for a 9-field format that is O(n^9) and hangs for minutes. Here a failed (instruction,
 * position) state is remembered and never retried, so the search is O(instructions × n²) at
 * worst, and a lazy field jumps straight to the next place its following literal can start.
 */

type Instr =
  | { op: "lit"; text: string; next: number }
  | { op: "ws"; next: number }
  | { op: "field"; field: number; next: number }
  | { op: "split"; first: number; second: number; clears: number[] }
  | { op: "end" };

/** A compiled header pattern; {@link HeaderMatcher.match} fills `starts`/`ends` per capture. */
export class HeaderMatcher {
  private memo = new Int32Array(0);
  private stamp = 0;
  private width = 0;
  /** Start of each field's match in the last successful line (-1: the field did not take part). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;

  constructor(
    private readonly program: Instr[],
    readonly fieldCount: number,
  ) {
    this.starts = new Int32Array(fieldCount);
    this.ends = new Int32Array(fieldCount);
    this.linear = program.every((i) => i.op !== "split");
  }

  /** True when `s` matches as a whole; captures go to `starts`/`ends`. */
  match(s: string): boolean {
    const n = s.length;
    this.width = n + 1;
    const need = this.program.length * this.width;
    if (this.memo.length < need) this.memo = new Int32Array(Math.max(need, this.memo.length * 2));
    if (++this.stamp === 0x7fffffff) {
      this.memo.fill(0);
      this.stamp = 1;
    }
    this.starts.fill(-1);
    this.ends.fill(-1);
    if (this.linear && this.straight(s)) return true;
    return this.run(0, 0, s);
  }

  /** The program has no optional groups, so the first path of the search can be walked in a loop. */
  private readonly linear: boolean;

  /**
   * The search's first path, walked without recursion: each lazy field ends where its next
   * instruction can first start, each whitespace run is taken whole. When that path reaches the
   * end it is the match the full search returns (the search tries exactly this path first);
   * otherwise the caller falls back to the full search.
   */
  private straight(s: string): boolean {
    const prog = this.program;
    const n = s.length;
    let pc = 0;
    let pos = 0;
    for (;;) {
      const ins = prog[pc]!;
      if (ins.op === "end") return pos === n;
      if (ins.op === "lit") {
        if (!s.startsWith(ins.text, pos)) return false;
        pos += ins.text.length;
        pc = ins.next;
      } else if (ins.op === "ws") {
        let e = pos;
        while (e < n && isSpace(s.charCodeAt(e))) e++;
        if (e === pos) return false;
        pos = e;
        pc = ins.next;
      } else if (ins.op === "field") {
        const nx = prog[ins.next]!;
        let e: number;
        if (nx.op === "lit") {
          e = s.indexOf(nx.text, pos);
          if (e < 0) return false;
        } else if (nx.op === "ws") {
          e = pos;
          while (e < n && !isSpace(s.charCodeAt(e))) e++;
          if (e >= n) return false;
        } else if (nx.op === "end") e = n;
        else return false;
        this.starts[ins.field] = pos;
        this.ends[ins.field] = e;
        pos = e;
        pc = ins.next;
      } else return false;
    }
  }

  private run(pc: number, pos: number, s: string): boolean {
    const key = pc * this.width + pos;
    if (this.memo[key] === this.stamp) return false;
    const ins = this.program[pc]!;
    let ok = false;
    switch (ins.op) {
      case "end":
        ok = pos === s.length;
        break;
      case "lit":
        ok = s.startsWith(ins.text, pos) && this.run(ins.next, pos + ins.text.length, s);
        break;
      case "ws": {
        let e = pos;
        while (e < s.length && isSpace(s.charCodeAt(e))) e++;
        // Greedy: the longest run first, then shorter ones (at least one character).
        for (let k = e; k > pos; k--) {
          if (this.run(ins.next, k, s)) {
            ok = true;
            break;
          }
        }
        break;
      }
      case "field": {
        // Lazy: the shortest field first. Skip ends where the next instruction cannot start.
        const nextIns = this.program[ins.next]!;
        const n = s.length;
        for (let e = pos; e <= n; e++) {
          if (nextIns.op === "lit") {
            const at = s.indexOf(nextIns.text, e);
            if (at < 0) break;
            e = at;
          } else if (nextIns.op === "ws") {
            while (e < n && !isSpace(s.charCodeAt(e))) e++;
            if (e >= n) break;
          } else if (nextIns.op === "end") {
            e = n;
          }
          if (this.run(ins.next, e, s)) {
            this.starts[ins.field] = pos;
            this.ends[ins.field] = e;
            ok = true;
            break;
          }
        }
        break;
      }
      case "split":
        if (this.run(ins.first, pos, s)) ok = true;
        else if (this.run(ins.second, pos, s)) {
          for (const f of ins.clears) {
            this.starts[f] = -1;
            this.ends[f] = -1;
          }
          ok = true;
        }
        break;
    }
    if (!ok) this.memo[key] = this.stamp;
    return ok;
  }
}

function isSpace(c: number): boolean {
  // JS \s: ASCII whitespace, NBSP, line/paragraph separators, BOM, and the Unicode space separators.
  if (c > 32 && c < 0xa0) return false; // the common case first
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

type Node = { kind: "lit"; text: string } | { kind: "ws" } | { kind: "field"; field: number } | { kind: "opt"; body: Node[] };

/**
 * Compiles a LogHub-style format into a {@link HeaderMatcher}, or returns null when its literal
 * text uses regex syntax beyond escaped characters, runs of spaces and `(…)?` groups (the caller
 * then falls back to the RegExp). Fields are numbered in order of appearance.
 */
export function compileHeaderMatcher(format: string): { matcher: HeaderMatcher; names: string[] } | null {
  const names: string[] = [];
  let i = 0;
  const parseSeq = (inGroup: boolean): Node[] | null => {
    const out: Node[] = [];
    const pushLit = (ch: string): void => {
      const last = out[out.length - 1];
      if (last && last.kind === "lit") last.text += ch;
      else out.push({ kind: "lit", text: ch });
    };
    while (i < format.length) {
      const c = format[i]!;
      if (c === "<") {
        const close = format.indexOf(">", i);
        const name = close > i ? format.slice(i + 1, close) : "";
        if (close < 0 || /[<>]/.test(name)) return null;
        names.push(name.trim());
        out.push({ kind: "field", field: names.length - 1 });
        i = close + 1;
      } else if (c === " ") {
        while (format[i] === " ") i++;
        out.push({ kind: "ws" });
      } else if (c === "\\") {
        const e = format[i + 1];
        if (e === undefined || /[A-Za-z0-9]/.test(e)) return null; // \s, \d, \b, backreferences…
        pushLit(e);
        i += 2;
      } else if (c === "(") {
        if (format[i + 1] === "?") return null;
        i++;
        const body = parseSeq(true);
        if (body === null || format[i] !== ")" || format[i + 1] !== "?") return null;
        i += 2;
        out.push({ kind: "opt", body });
      } else if (c === ")") {
        return inGroup ? out : null;
      } else if ("|*+?{}[].^$".includes(c)) {
        return null;
      } else {
        pushLit(c);
        i++;
      }
    }
    return inGroup ? null : out;
  };
  const seq = parseSeq(false);
  if (seq === null || i !== format.length) return null;
  const program: Instr[] = [];
  // Emits nodes so that the last one continues at `next`; returns the first instruction's index.
  const emit = (nodes: Node[], next: number): number => {
    let cont = next;
    for (let k = nodes.length - 1; k >= 0; k--) {
      const node = nodes[k]!;
      const at = program.length;
      if (node.kind === "lit") program.push({ op: "lit", text: node.text, next: cont });
      else if (node.kind === "ws") program.push({ op: "ws", next: cont });
      else if (node.kind === "field") program.push({ op: "field", field: node.field, next: cont });
      else {
        const bodyStart = emit(node.body, cont);
        const clears: number[] = [];
        const collect = (ns: Node[]): void => ns.forEach((x) => (x.kind === "field" ? clears.push(x.field) : x.kind === "opt" ? collect(x.body) : undefined));
        collect(node.body);
        const splitAt = program.length;
        program.push({ op: "split", first: bodyStart, second: cont, clears });
        cont = splitAt;
        continue;
      }
      cont = at;
    }
    return cont;
  };
  program.push({ op: "end" });
  const start = emit(seq, 0);
  // Put the start instruction first by swapping it into index 0 is awkward; instead prepend a split-free jump.
  const matcher = new HeaderMatcher(reorder(program, start), names.length);
  return { matcher, names };
}

/** Renumbers the program so that the start instruction is at index 0. */
function reorder(program: Instr[], start: number): Instr[] {
  const order = [start, ...program.map((_, k) => k).filter((k) => k !== start)];
  const newIndex = new Map(order.map((old, k) => [old, k]));
  const map = (k: number): number => newIndex.get(k)!;
  return order.map((old) => {
    const ins = program[old]!;
    switch (ins.op) {
      case "end":
        return ins;
      case "split":
        return { op: "split", first: map(ins.first), second: map(ins.second), clears: ins.clears };
      default:
        return { ...ins, next: map(ins.next) };
    }
  });
}
