// %% [markdown]
// # 00 · Setup
//
// Checks that this machine can run every loglab notebook: the Node.js and TF.js versions, the
// TF.js backend chosen (and why), cores and memory, the datasets shipped in `data/` with their
// provenance (and an integrity check against `data/MANIFEST.json`), and the output folders.
// Writes `results/00-setup/environment.json`.

// %% [markdown]
// ## Configuration
// One typed config cell. `LOGLAB_PROFILE` (set by `npm run notebooks -- --profile full`) picks the profile.

// %%
import * as ll from "./lib/index";

interface SetupConfig {
  /** smoke (CI, minutes) or full (the real experiment). */
  profile: ll.Profile;
  seed: number;
  /** Hash every shipped data file and compare with data/MANIFEST.json. */
  verifyData: boolean;
}
const config: SetupConfig = { profile: ll.resolveProfile(), seed: 42, verifyData: true };
const run = ll.startRun("00-setup", config, config.seed);

// %% [markdown]
// ## Environment

// %%
const env = await ll.environmentReport();
ll.showTable(ll.environmentRows(env), { title: "Environment" });
run.json("environment.json", env);

// %% [markdown]
// ## Shipped datasets
// Real public data, copied byte for byte from public repositories (see each `PROVENANCE.md`).

// %%
const datasets = ll.shippedDatasets({ verify: config.verifyData });
run.table("datasets", ll.datasetRows(datasets), { title: "Datasets in data/" });

// %%
const sizes = await run.figure(ll.datasetSizeFigure(datasets), "dataset-sizes");

// %% [markdown]
// ## Output folders

// %%
ll.showTable(ll.outputFolders(), { title: "Output folders" });
const manifest = await run.finish({ backend: env.backend.choice });
console.log(`wrote ${run.dir}: ${manifest.outputs.length} files`);
