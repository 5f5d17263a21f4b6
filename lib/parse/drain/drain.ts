/**
 * Drain: online log template mining with a fixed-depth prefix tree.
 *
 * He, Zhu, Zheng, Lyu, "Drain: An Online Log Parsing Approach with Fixed Depth Tree", ICWS 2017.
 * The tree walk, the leaf similarity (`seqDist`/`fastMatch`, ties to the template with more
 * parameters) and the child-creation rules follow logparser's `logparser/Drain/Drain.py`
 * (logpai/logparser @ db272234a0cb) so that this core reproduces its benchmark numbers; the
 * engineering follows Drain3 (logpai/Drain3 `drain3/drain.py`): an LRU bound on clusters,
 * numeric-token parametrization as an option, and a `match` that never changes state.
 *
 * This core knows nothing about masking, files or configuration: it takes token arrays.
 */

/** Settings of the Drain core (defaults in {@link DEFAULT_DRAIN_OPTIONS}). */
export interface DrainOptions {
  /** Tree depth counting the root and the leaf layer, as logparser's `depth` (≥ 3; default 4: one token layer). */
  depth: number;
  /** Similarity threshold for joining a cluster, 0..1 (logparser `st`, Drain3 `sim_th`; default 0.4). */
  simThreshold: number;
  /** Maximum children of an inner node before tokens go to the wildcard child (default 100). */
  maxChildren: number;
  /** Maximum clusters kept; the least recently used is evicted beyond it (0 = no limit; default 0). */
  maxClusters: number;
  /** Route tokens holding a digit to the wildcard child, as logparser does (default true). */
  parametrizeNumericTokens: boolean;
  /** The wildcard token (default `<*>`). */
  paramString: string;
  /**
   * How far a message's tokens lead down the tree. `logparser` (default): up to `depth − 3`
   * tokens, a message's last token included (logparser's `treeSearch`). `drain3`: never the last
   * token (Drain3 `drain.py`: "this is last token" stops the walk), so messages shorter than the
   * token layers share a leaf and can merge by similarity (`a b` and `a c` at depth 5).
   */
  treeWalk: TreeWalk;
}

/** See {@link DrainOptions.treeWalk}. */
export type TreeWalk = "logparser" | "drain3";

/** Defaults: logparser's Drain defaults (depth 4, st 0.4, maxChild 100), no cluster limit. */
export const DEFAULT_DRAIN_OPTIONS: Readonly<DrainOptions> = Object.freeze({
  depth: 4,
  simThreshold: 0.4,
  maxChildren: 100,
  maxClusters: 0,
  parametrizeNumericTokens: true,
  paramString: "<*>",
  treeWalk: "logparser" as TreeWalk,
});

/** What adding a message did to the clusters (Drain3's vocabulary). */
export type ChangeType = "created" | "templateChanged" | "none";

/** A cluster of messages sharing a template. */
export interface LogCluster {
  /** 1-based creation number (stable for the life of the miner and across save/load). */
  readonly id: number;
  /** The template's tokens (wildcards are the param string). Do not mutate. */
  readonly tokens: readonly string[];
  /** Messages added to it. */
  readonly size: number;
}

interface Cluster extends LogCluster {
  tokens: string[];
  size: number;
  leaf: TreeNode;
}

/** A prefix-tree node: inner nodes have children, leaves have clusters. */
interface TreeNode {
  children: Map<string, TreeNode>;
  clusters: Cluster[];
}

function newNode(): TreeNode {
  return { children: new Map(), clusters: [] };
}

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Validates and completes options; errors name the setting and the value. */
export function resolveDrainOptions(given: Partial<DrainOptions> = {}): DrainOptions {
  const o: DrainOptions = { ...DEFAULT_DRAIN_OPTIONS, ...given };
  for (const k of Object.keys(given)) {
    if (!(k in DEFAULT_DRAIN_OPTIONS)) throw new Error(`Drain: unknown option "${k}" (known: ${Object.keys(DEFAULT_DRAIN_OPTIONS).join(", ")})`);
  }
  if (!Number.isInteger(o.depth) || o.depth < 3) throw new Error(`Drain: depth must be an integer ≥ 3, got ${o.depth}`);
  if (!(o.simThreshold >= 0 && o.simThreshold <= 1)) throw new Error(`Drain: simThreshold must be in [0, 1], got ${o.simThreshold}`);
  if (!Number.isInteger(o.maxChildren) || o.maxChildren < 2) throw new Error(`Drain: maxChildren must be an integer ≥ 2, got ${o.maxChildren}`);
  if (!Number.isInteger(o.maxClusters) || o.maxClusters < 0) throw new Error(`Drain: maxClusters must be an integer ≥ 0, got ${o.maxClusters}`);
  if (o.paramString.length === 0) throw new Error("Drain: paramString must not be empty");
  if (o.treeWalk !== "logparser" && o.treeWalk !== "drain3") throw new Error(`Drain: treeWalk must be "logparser" or "drain3", got ${JSON.stringify(o.treeWalk)}`);
  return o;
}

/** How `match` looks for a cluster (Drain3's `full_search_strategy`). */
export type MatchStrategy = "never" | "fallback" | "always";

/** The serialisable form of a Drain core (see {@link Drain.toJSON}). */
export interface DrainSnapshot {
  /** The options; `treeWalk` is left out when it is `logparser` (states read as before it existed). */
  options: Omit<DrainOptions, "treeWalk"> & Partial<Pick<DrainOptions, "treeWalk">>;
  nextId: number;
  /** Clusters in LRU order (least recently used first). */
  clusters: { id: number; tokens: string[]; size: number }[];
  /** The prefix tree: per length, nested children; leaves list cluster ids in order. */
  tree: SnapshotNode[];
}

/** A tree node in a snapshot: `key` is the token (or the length, as a string, at the first layer). */
export interface SnapshotNode {
  key: string;
  children: SnapshotNode[];
  clusterIds: number[];
}

/**
 * The Drain core.
 *
 * @example
 * const d = new Drain({ depth: 4, simThreshold: 0.5 });
 * d.add(["PacketResponder", "1", "terminating"]).changeType; // "created"
 * d.add(["PacketResponder", "2", "terminating"]).cluster.tokens; // ["PacketResponder", "<*>", "terminating"]
 */
export class Drain {
  readonly options: Readonly<DrainOptions>;
  private readonly root = new Map<number, TreeNode>();
  private readonly byId = new Map<number, Cluster>();
  private nextId = 1;
  /** Increases whenever a cluster is created, changes template or is evicted (cache validity). */
  epoch = 0;
  /** Called with a cluster's id when the LRU bound evicts it (lets owners drop what they keep per cluster). */
  onEvict: ((clusterId: number) => void) | null = null;
  /** Number of token layers below the length layer. */
  private readonly tokenLayers: number;
  /** Tokens a message of length n walks down: logparser min(layers − 1, n), Drain3 min(layers − 1, n − 1). */
  private walkSteps(n: number): number {
    return Math.min(this.tokenLayers - 1, this.options.treeWalk === "drain3" ? n - 1 : n);
  }

  constructor(options: Partial<DrainOptions> = {}) {
    this.options = Object.freeze(resolveDrainOptions(options));
    this.tokenLayers = this.options.depth - 2;
  }

  /** Number of clusters. */
  get clusterCount(): number {
    return this.byId.size;
  }

  /** The clusters in creation order. */
  clusters(): LogCluster[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  /** A cluster by id, or undefined (evicted or never created). */
  cluster(id: number): LogCluster | undefined {
    return this.byId.get(id);
  }

  /** The leaf a token sequence falls into, or null (pure). */
  private leafFor(tokens: readonly string[]): TreeNode | null {
    const n = tokens.length;
    let node = this.root.get(n);
    if (!node) return null;
    // logparser: walk while currentDepth < depth-2 and currentDepth <= len (currentDepth from 1); Drain3 stops before the last token.
    const steps = this.walkSteps(n);
    const ps = this.options.paramString;
    for (let i = 0; i < steps; i++) {
      const t = tokens[i]!;
      const child: TreeNode | undefined = node.children.get(t) ?? node.children.get(ps);
      if (!child) return null;
      node = child;
    }
    return node;
  }

  /**
   * Similarity of a message to a template: equal non-wildcard tokens over the length (wildcards
   * count as equal when `includeParams`), and the template's wildcard count.
   */
  private seqDist(template: readonly string[], tokens: readonly string[], includeParams: boolean): [number, number] {
    const n = template.length;
    if (n === 0) return [1, 0];
    const ps = this.options.paramString;
    let sim = 0;
    let params = 0;
    for (let i = 0; i < n; i++) {
      const t = template[i]!;
      if (t === ps) {
        params++;
        continue;
      }
      if (t === tokens[i]) sim++;
    }
    if (includeParams) sim += params;
    return [sim / n, params];
  }

  private fastMatch(clusters: readonly Cluster[], tokens: readonly string[], simTh: number, includeParams: boolean): Cluster | null {
    let best: Cluster | null = null;
    let maxSim = -1;
    let maxParams = -1;
    for (const c of clusters) {
      const [sim, params] = this.seqDist(c.tokens, tokens, includeParams);
      if (sim > maxSim || (sim === maxSim && params > maxParams)) {
        maxSim = sim;
        maxParams = params;
        best = c;
      }
    }
    return best !== null && maxSim >= simTh ? best : null;
  }

  private touch(c: Cluster): void {
    if (this.options.maxClusters > 0) {
      this.byId.delete(c.id);
      this.byId.set(c.id, c);
    }
  }

  /**
   * Adds a message's tokens: joins the most similar cluster of its leaf (merging the template)
   * or creates a cluster.
   */
  add(tokens: readonly string[]): { cluster: LogCluster; changeType: ChangeType } {
    const leaf = this.leafFor(tokens);
    const match = leaf ? this.fastMatch(leaf.clusters, tokens, this.options.simThreshold, false) : null;
    if (match === null) {
      const c = this.createCluster(tokens.slice());
      return { cluster: c, changeType: "created" };
    }
    match.size++;
    this.touch(match);
    const ps = this.options.paramString;
    const t = match.tokens;
    let changed = false;
    for (let i = 0; i < t.length; i++) {
      if (t[i] !== ps && t[i] !== tokens[i]) {
        if (!changed) {
          match.tokens = t.slice();
          changed = true;
        }
        match.tokens[i] = ps;
      }
    }
    if (changed) this.epoch++;
    return { cluster: match, changeType: changed ? "templateChanged" : "none" };
  }

  /**
   * Counts one more message for a cluster of *this* core found through a cache (same effect as
   * an `add` that changes nothing). Only valid while `epoch` is unchanged since the cluster was
   * returned (an eviction changes the epoch).
   */
  addHit(cluster: LogCluster): void {
    const c = cluster as Cluster;
    if (c.leaf === undefined || (this.options.maxClusters > 0 && this.byId.get(c.id) !== c)) {
      throw new Error(`Drain.addHit: cluster ${cluster.id} is not a live cluster of this Drain`);
    }
    c.size++;
    this.touch(c);
  }

  private createCluster(tokens: string[]): Cluster {
    const leaf = this.insertPath(tokens);
    const c: Cluster = { id: this.nextId++, tokens, size: 1, leaf };
    leaf.clusters.push(c);
    this.byId.set(c.id, c);
    this.epoch++;
    const max = this.options.maxClusters;
    if (max > 0 && this.byId.size > max) {
      const oldest = this.byId.values().next().value as Cluster;
      this.evict(oldest);
    }
    return c;
  }

  private evict(c: Cluster): void {
    this.byId.delete(c.id);
    const i = c.leaf.clusters.indexOf(c);
    if (i >= 0) c.leaf.clusters.splice(i, 1);
    this.epoch++;
    this.onEvict?.(c.id);
  }

  /** logparser's addSeqToPrefixTree: finds or creates the leaf for a new cluster's template. */
  private insertPath(tokens: readonly string[]): TreeNode {
    const n = tokens.length;
    let node = this.root.get(n);
    if (!node) {
      node = newNode();
      this.root.set(n, node);
    }
    const { maxChildren, paramString: ps, parametrizeNumericTokens } = this.options;
    const steps = this.walkSteps(n);
    for (let i = 0; i < steps; i++) {
      const token = tokens[i]!;
      const kids: Map<string, TreeNode> = node.children;
      const existing = kids.get(token);
      if (existing) {
        node = existing;
        continue;
      }
      let next: TreeNode;
      if (!(parametrizeNumericTokens && hasDigit(token))) {
        if (kids.has(ps)) {
          if (kids.size < maxChildren) {
            next = newNode();
            kids.set(token, next);
          } else next = kids.get(ps)!;
        } else if (kids.size + 1 < maxChildren) {
          next = newNode();
          kids.set(token, next);
        } else if (kids.size + 1 === maxChildren) {
          next = newNode();
          kids.set(ps, next);
        } else next = kids.get(ps)!;
      } else {
        const w = kids.get(ps);
        if (w) next = w;
        else {
          next = newNode();
          kids.set(ps, next);
        }
      }
      node = next;
    }
    return node;
  }

  /**
   * The cluster whose template covers the message exactly (every non-wildcard token equal), or
   * null. Never changes state (no counts, no LRU order). `strategy` as Drain3's
   * `full_search_strategy`: "never" searches only the tree path, "fallback" also all clusters of
   * the same length when the tree finds none, "always" only the full search.
   */
  match(tokens: readonly string[], strategy: MatchStrategy = "never"): LogCluster | null {
    const viaTree = (): Cluster | null => {
      const leaf = this.leafFor(tokens);
      return leaf ? this.fastMatch(leaf.clusters, tokens, 1, true) : null;
    };
    const full = (): Cluster | null => {
      const same: Cluster[] = [];
      for (const c of this.byId.values()) if (c.tokens.length === tokens.length) same.push(c);
      same.sort((a, b) => a.id - b.id);
      return this.fastMatch(same, tokens, 1, true);
    };
    if (strategy === "always") return full();
    const t = viaTree();
    if (t || strategy === "never") return t;
    return full();
  }

  /** A plain-data snapshot of the whole state (options, clusters in LRU order, and the tree). */
  toJSON(): DrainSnapshot {
    const nodeJson = (key: string, node: TreeNode): SnapshotNode => ({
      key,
      children: [...node.children.entries()].map(([k, c]) => nodeJson(k, c)),
      clusterIds: node.clusters.map((c) => c.id),
    });
    const { treeWalk, ...older } = this.options;
    return {
      options: treeWalk === "logparser" ? older : { ...this.options },
      nextId: this.nextId,
      clusters: [...this.byId.values()].map((c) => ({ id: c.id, tokens: c.tokens.slice(), size: c.size })),
      tree: [...this.root.entries()].map(([len, node]) => nodeJson(String(len), node)),
    };
  }

  /** Rebuilds a core from {@link toJSON}'s output; errors say what is inconsistent. */
  static fromJSON(s: DrainSnapshot): Drain {
    const d = new Drain(s.options);
    if (!Number.isInteger(s.nextId) || s.nextId < 1) throw new Error(`Drain state: nextId must be a positive integer, got ${s.nextId}`);
    d.nextId = s.nextId;
    const pending = new Map<number, { id: number; tokens: string[]; size: number }>();
    for (const c of s.clusters) {
      if (!Number.isInteger(c.id) || c.id < 1 || c.id >= s.nextId) throw new Error(`Drain state: cluster id ${c.id} is out of range`);
      if (!Array.isArray(c.tokens) || c.tokens.some((t) => typeof t !== "string")) throw new Error(`Drain state: cluster ${c.id} has invalid tokens`);
      if (!Number.isInteger(c.size) || c.size < 1) throw new Error(`Drain state: cluster ${c.id} has invalid size ${c.size}`);
      if (pending.has(c.id)) throw new Error(`Drain state: cluster ${c.id} appears twice`);
      pending.set(c.id, c);
    }
    const placed = new Map<number, Cluster>();
    const build = (sn: SnapshotNode, len: number): TreeNode => {
      const node = newNode();
      for (const ch of sn.children) node.children.set(ch.key, build(ch, len));
      for (const id of sn.clusterIds) {
        const c = pending.get(id);
        if (!c) throw new Error(`Drain state: the tree refers to unknown cluster ${id}`);
        if (placed.has(id)) throw new Error(`Drain state: cluster ${id} sits in two leaves`);
        if (c.tokens.length !== len) throw new Error(`Drain state: cluster ${id} has ${c.tokens.length} tokens but sits under length ${len}`);
        const cl: Cluster = { id: c.id, tokens: c.tokens.slice(), size: c.size, leaf: node };
        node.clusters.push(cl);
        placed.set(id, cl);
      }
      return node;
    };
    for (const sn of s.tree) {
      const len = Number(sn.key);
      if (!Number.isInteger(len) || len < 0) throw new Error(`Drain state: first tree layer key "${sn.key}" is not a length`);
      d.root.set(len, build(sn, len));
    }
    for (const c of s.clusters) {
      const cl = placed.get(c.id);
      if (!cl) throw new Error(`Drain state: cluster ${c.id} is in no leaf`);
      d.byId.set(c.id, cl);
    }
    return d;
  }
}
