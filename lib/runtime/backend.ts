import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { join } from "node:path";

/** The backends loglab can run on, in the order it tries them. */
export const BACKEND_ORDER = ["node-gpu", "node", "wasm", "cpu"] as const;
export type BackendChoice = (typeof BACKEND_ORDER)[number];

/** What `selectBackend` tried and what it chose. */
export interface BackendReport {
  /** The loglab name of the chosen backend. */
  choice: BackendChoice;
  /** TF.js's own name for it (`tensorflow`, `wasm`, `cpu`). */
  tfBackend: string;
  /** Why this one: forced by LOGLAB_BACKEND, or the first that loaded. */
  reason: string;
  /** Every backend tried, in order, with the error of those that failed. */
  tried: { choice: BackendChoice; ok: boolean; detail: string }[];
  tfjsVersion: string;
}

const PACKAGE_OF: Record<BackendChoice, string> = {
  "node-gpu": "@tensorflow/tfjs-node-gpu",
  node: "@tensorflow/tfjs-node",
  wasm: "@tensorflow/tfjs-backend-wasm",
  cpu: "@tensorflow/tfjs-backend-cpu",
};

function projectRequire(): NodeJS.Require {
  return createRequire(join(process.cwd(), "noop.js"));
}

async function tryBackend(choice: BackendChoice): Promise<string> {
  if (choice === "node-gpu" || choice === "node") {
    // Optional packages: they download libtensorflow at install time, which fails offline, and
    // npm then drops them. Loading one registers the "tensorflow" backend with tfjs-core.
    const req = projectRequire();
    req(PACKAGE_OF[choice]);
    if (!(await tf.setBackend("tensorflow"))) throw new Error("tensorflow backend did not initialise");
    return "tensorflow";
  }
  if (choice === "wasm") {
    // Importing the package registers "wasm"; in Node it reads its .wasm binary from its own dist
    // folder (setWasmPaths would switch it to fetch(), which cannot load file paths).
    if (!(await tf.setBackend("wasm"))) throw new Error("wasm backend did not initialise");
    return "wasm";
  }
  if (!(await tf.setBackend("cpu"))) throw new Error("cpu backend did not initialise");
  return "cpu";
}

let selected: Promise<BackendReport> | null = null;

/**
 * Picks the fastest TF.js backend that works here: tfjs-node-gpu, then tfjs-node, then wasm,
 * then the pure-JS cpu backend. `LOGLAB_BACKEND=node-gpu|node|wasm|cpu` forces one (and fails
 * loudly if it cannot load). The result is memoised per process.
 *
 * @example
 * const report = await selectBackend();
 * console.log(`${report.choice}: ${report.reason}`);
 */
export function selectBackend(options: { force?: BackendChoice } = {}): Promise<BackendReport> {
  const forced = options.force ?? parseBackendEnv(process.env.LOGLAB_BACKEND);
  if (selected && !options.force) return selected;
  const run = async (): Promise<BackendReport> => {
    const tried: BackendReport["tried"] = [];
    const order: readonly BackendChoice[] = forced ? [forced] : BACKEND_ORDER;
    for (const choice of order) {
      try {
        const tfBackend = await tryBackend(choice);
        await tf.ready();
        tried.push({ choice, ok: true, detail: `${PACKAGE_OF[choice]} loaded` });
        const reason = forced
          ? `forced by LOGLAB_BACKEND=${forced}`
          : tried.length === 1
            ? `${PACKAGE_OF[choice]} is the first backend in the preference order and it loaded`
            : `${tried
                .filter((t) => !t.ok)
                .map((t) => t.choice)
                .join(", ")} unavailable; ${PACKAGE_OF[choice]} loaded`;
        return { choice, tfBackend, reason, tried, tfjsVersion: tf.version.tfjs };
      } catch (err) {
        const msg = (err as Error).message.split("\n")[0] ?? String(err);
        tried.push({ choice, ok: false, detail: msg.includes("Cannot find module") ? "not installed" : msg });
      }
    }
    throw new Error(
      `No TF.js backend could be loaded${forced ? ` (LOGLAB_BACKEND=${forced})` : ""}: ` +
        tried.map((t) => `${t.choice}: ${t.detail}`).join("; "),
    );
  };
  const p = run();
  if (!options.force) selected = p;
  return p;
}

function parseBackendEnv(value: string | undefined): BackendChoice | undefined {
  if (value === undefined || value === "") return undefined;
  if ((BACKEND_ORDER as readonly string[]).includes(value)) return value as BackendChoice;
  throw new Error(`LOGLAB_BACKEND=${value} is not one of ${BACKEND_ORDER.join(", ")}`);
}
