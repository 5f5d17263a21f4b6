#!/usr/bin/env node
// The `loglab` command. The library is TypeScript; tsx compiles it on the fly, so there is no
// build step between a fresh clone and a working CLI.
import { register } from "tsx/esm/api";

register();
const { installProcessGuards } = await import("../lib/cli/process-guards.ts");
installProcessGuards(process.argv[2]);
const { main } = await import("../lib/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
