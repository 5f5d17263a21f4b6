#!/usr/bin/env node
// The `loglab` command. The library is TypeScript and there is no build step between a fresh
// clone and a working CLI: the first run after a source change bundles the CLI with esbuild (which
// tsx brings) into node_modules/.cache/loglab-cli/ (about 1 s, once); later runs load that bundle,
// which starts in a fraction of the second that tsx's compile-on-load takes on every run (see
// bin/cli-bundle.mjs). Without esbuild, or with LOGLAB_CLI_BUNDLE=0, tsx compiles on the fly.
import { setFlagsFromString } from "node:v8";
import { cliBundle, STREAMING_COMMANDS } from "./cli-bundle.mjs";

// Commands that stream large inputs keep little alive but make much short-lived garbage; V8's
// default lets the old space grow to about 4× the live heap between full collections (a 2M-line
// `loglab sessions` run: 65 MB live, 415 MB peak RSS). Growing by 1.5× instead held that run to
// 242 MB at the same speed (bench:scale; docs/DESIGN.md, "Sessions at full size").
if (STREAMING_COMMANDS.has(process.argv[2])) setFlagsFromString("--heap-growing-percent=50");

const bundle = process.env.LOGLAB_CLI_BUNDLE === "0" ? null : await cliBundle();
if (bundle === null) (await import("tsx/esm/api")).register();
const { installProcessGuards } = await import(bundle?.guards ?? "../lib/cli/process-guards.ts");
installProcessGuards(process.argv[2]);
const { main } = await import(bundle?.main ?? "../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
