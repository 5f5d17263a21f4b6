import type { Rng } from "../runtime/rng.js";
import { SYNTHETIC_TYPE_CLASS, type SyntheticLine } from "./synthetic.js";

/**
 * A synthetic HDFS DataNode/NameNode log in LogHub's HDFS format (`081109 203615 148 INFO
 * dfs.DataNode$PacketResponder: PacketResponder 1 for block blk_… terminating`), whose sessions are
 * blocks, as in LogHub's HDFS: each block goes through allocation, three replicas received,
 * responders terminating and the NameNode's blockMap updates, and `openBlocks` blocks are in
 * flight at once, their lines interleaved. An anomalous block (`system_error`) has a replica
 * failing with an IOException instead. For benchmarks of `loglab sessions --session-id
 * 'blk_-?\d+'` at any size: lines are generated one at a time (memory holds the open blocks).
 */

/** Options of {@link hdfsSyntheticLines}. */
export interface HdfsSyntheticOptions {
  lines: number;
  /** Probability that a block is anomalous, in [0, 1]. */
  anomalyRatio: number;
  /** Blocks in flight at once (default 1,000): a session spans about 13 × this many lines. */
  openBlocks?: number;
  /** Epoch ms of the first line (default 2008-11-09T20:36:15Z, LogHub HDFS's first). */
  startTime?: number;
  /** Mean gap between lines in ms, exponentially distributed (default 20). */
  meanGapMs?: number;
}

interface Step {
  template: string;
  level: "INFO" | "WARN";
  component: string;
  text: (b: Block, replica: number) => string;
}

interface Block {
  id: string;
  size: number;
  anomalous: boolean;
  ips: string[];
  task: number;
  steps: readonly Step[];
  next: number;
}

const RECEIVE: Step = { template: "hdfs.receiving", level: "INFO", component: "dfs.DataNode$DataXceiver", text: (b, r) => `Receiving block ${b.id} src: /${b.ips[(r + 1) % 3]}:${40000 + ((b.size + r * 7919) % 20000)} dest: /${b.ips[r]}:50010` };
const TERMINATING: Step = { template: "hdfs.responder-terminating", level: "INFO", component: "dfs.DataNode$PacketResponder", text: (b, r) => `PacketResponder ${r} for block ${b.id} terminating` };
const RECEIVED: Step = { template: "hdfs.received", level: "INFO", component: "dfs.DataNode$PacketResponder", text: (b, r) => `Received block ${b.id} of size ${b.size} from /${b.ips[r]}` };
const STORED: Step = { template: "hdfs.add-stored-block", level: "INFO", component: "dfs.FSNamesystem", text: (b, r) => `BLOCK* NameSystem.addStoredBlock: blockMap updated: ${b.ips[r]}:50010 is added to ${b.id} size ${b.size}` };
const ALLOCATE: Step = {
  template: "hdfs.allocate-block",
  level: "INFO",
  component: "dfs.FSNamesystem",
  text: (b) => `BLOCK* NameSystem.allocateBlock: /user/root/rand/_temporary/_task_200811092030_0001_m_${String(b.task).padStart(6, "0")}_0/part-${String(b.task).padStart(5, "0")}. ${b.id}`,
};
const EXCEPTION: Step = { template: "hdfs.receive-exception", level: "WARN", component: "dfs.DataNode$DataXceiver", text: (b) => `Exception in receiveBlock for block ${b.id} java.io.IOException: Connection reset by peer` };
const WRITE_EXCEPTION: Step = { template: "hdfs.write-exception", level: "WARN", component: "dfs.DataNode$DataXceiver", text: (b, r) => `writeBlock ${b.id} received exception java.io.IOException: Could not read from stream ${b.ips[r]}` };
const INTERRUPTED: Step = { template: "hdfs.responder-interrupted", level: "INFO", component: "dfs.DataNode$PacketResponder", text: (b, r) => `PacketResponder ${r} for block ${b.id} Interrupted.` };

/** A block's lines in order; the replica of each step is its index among steps of its kind. */
const NORMAL_STEPS: readonly Step[] = [ALLOCATE, RECEIVE, RECEIVE, RECEIVE, TERMINATING, RECEIVED, TERMINATING, RECEIVED, TERMINATING, RECEIVED, STORED, STORED, STORED];
const ANOMALOUS_STEPS: readonly Step[] = [ALLOCATE, RECEIVE, RECEIVE, RECEIVE, TERMINATING, RECEIVED, EXCEPTION, WRITE_EXCEPTION, INTERRUPTED, TERMINATING, RECEIVED, STORED, STORED];

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The lines of a synthetic HDFS log, one at a time (the same lines for the same seed). Each line's
 * label is its block's; `template` names the step (e.g. `hdfs.receiving`).
 *
 * @example
 * for (const l of hdfsSyntheticLines(new Rng(42), { lines: 1_000, anomalyRatio: 0.03 })) console.log(l.text);
 */
export function* hdfsSyntheticLines(rng: Rng, options: HdfsSyntheticOptions): Generator<SyntheticLine> {
  const { lines } = options;
  if (!Number.isInteger(lines) || lines < 1) throw new Error(`lines must be a positive integer, got ${lines}`);
  if (!(options.anomalyRatio >= 0 && options.anomalyRatio <= 1)) throw new Error(`anomalyRatio must be in [0, 1], got ${options.anomalyRatio}`);
  const target = options.openBlocks ?? 1000;
  if (!Number.isInteger(target) || target < 1) throw new Error(`openBlocks must be a positive integer, got ${target}`);
  const meanGap = options.meanGapMs ?? 20;
  if (!(meanGap > 0)) throw new Error(`meanGapMs must be positive, got ${meanGap}`);
  // Separate streams: which blocks fail, what their lines say, and timing never shift one another.
  const fate = rng.fork("anomalies");
  const what = rng.fork("messages");
  const when = rng.fork("timing");
  const open: Block[] = [];
  let task = 0;
  let ts = options.startTime ?? Date.UTC(2008, 10, 9, 20, 36, 15);
  let second = -1;
  let stamp = "";
  const newBlock = (): Block => {
    const anomalous = fate.next() < options.anomalyRatio;
    const ip = (): string => `10.25${what.int(2)}.${what.int(256)}.${what.int(256)}`;
    return {
      id: `blk_${what.next() < 0.5 ? "-" : ""}${1 + what.int(9)}${String(what.int(1e9)).padStart(9, "0")}${String(what.int(1e9)).padStart(9, "0")}`,
      size: what.next() < 0.8 ? 67108864 : 1 + what.int(67108864),
      anomalous,
      ips: [ip(), ip(), ip()],
      task: task++ % 1_000_000,
      steps: anomalous ? ANOMALOUS_STEPS : NORMAL_STEPS,
      next: 0,
    };
  };
  for (let i = 0; i < lines; i++) {
    if (i > 0) ts += Math.max(1, Math.round(-Math.log(1 - when.next()) * meanGap));
    const s = Math.floor(ts / 1000);
    if (s !== second) {
      second = s;
      const d = new Date(ts);
      stamp = `${pad2(d.getUTCFullYear() % 100)}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
    }
    // Start a block with probability 1 − open/target (so about `target` are in flight and lines of
    // blocks interleave from the start), else continue a random open one.
    let k: number;
    if (open.length === 0 || (open.length < target && what.int(target) >= open.length)) {
      open.push(newBlock());
      k = open.length - 1;
    } else k = what.int(open.length);
    const b = open[k]!;
    const step = b.steps[b.next]!;
    let replica = 0;
    for (let j = 0; j < b.next; j++) if (b.steps[j] === step) replica++;
    b.next++;
    if (b.next === b.steps.length) {
      open[k] = open[open.length - 1]!;
      open.pop();
    }
    const pid = step.component === "dfs.FSNamesystem" ? 35 : 100 + (replica * 37 + b.size) % 9000;
    yield {
      lineNo: i + 1,
      text: `${stamp} ${pid} ${step.level} ${step.component}: ${step.text(b, replica)}`,
      timestamp: ts,
      label: b.anomalous ? 1 : 0,
      anomalyType: b.anomalous ? "system_error" : null,
      expectedClass: b.anomalous ? SYNTHETIC_TYPE_CLASS.system_error : "normal",
      template: step.template,
    };
  }
}
