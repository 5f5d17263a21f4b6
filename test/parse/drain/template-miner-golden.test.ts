/**
 * Byte-for-byte pins of the template miner on the 16 LogHub 2k systems, in both modes: the
 * two-pass structured output (line, template id, template, parameters), the one-pass `add()`
 * results (change type, template, parameters, as the streaming parser sees them), `match()` after
 * the pass, the cluster listing and the saved state. The hashes were taken from the miner before
 * it was split into the Drain façade and refinements (lib/parse/drain/refinement.ts); any change
 * in any output of either mode changes them.
 *
 * To re-pin deliberately after an intended change: `LOGLAB_PRINT_GOLDEN=1 npx vitest run
 * test/parse/drain/template-miner-golden.test.ts` prints the new table.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loghubLogPath } from "../../../lib/data/loghub-2k.js";
import { LOGHUB_SYSTEMS } from "../../../lib/parse/formats/loghub-presets.js";
import { readAllLines } from "../../../lib/io/line-reader.js";
import { TemplateMiner } from "../../../lib/parse/drain/template-miner.js";
import { parseLines, resolveParseSetup } from "../../../lib/parse/log-parser.js";

const MODES = ["drain", "loglab"] as const;

/** sha256 of the miner's outputs on one system's raw 2k log in one mode. */
async function minerDigest(system: (typeof LOGHUB_SYSTEMS)[number], mode: (typeof MODES)[number]): Promise<string> {
  const { lines } = await readAllLines(loghubLogPath(system));
  const h = createHash("sha256");
  const put = (x: unknown): void => void h.update(JSON.stringify(x) + "\n");
  // Two-pass structured output (what parseFile / notebook 01 / the benchmark write).
  const two = parseLines(lines, { format: system, mode });
  for (const e of two.events) put([e.lineNo, e.templateId, e.template, e.params]);
  put(two.rejects);
  put(two.templates);
  put(two.miner.templates());
  const state = (m: TemplateMiner): unknown => {
    // The miner's own content; the envelope (format, version) belongs to the state store.
    const { config, drain, stats } = m.toState();
    return { config, drain, stats };
  };
  put(state(two.miner));
  // match() on the finished miner never mutates and gives the final template.
  for (const e of two.events) put(two.miner.match(e.content));
  put(state(two.miner));
  // One pass through add(), as the streaming parser does (the online template of each line).
  const setup = resolveParseSetup(system, { mode });
  const online = new TemplateMiner(setup.minerConfig);
  for (const e of two.events) {
    const r = online.add(e.content);
    put([r.changeType, r.clusterId, r.templateId, r.template, r.params]);
  }
  // A restored state continues exactly where the original stopped.
  const restored = TemplateMiner.fromState(JSON.parse(JSON.stringify(online.toState())));
  for (const e of two.events.slice(0, 200)) put(restored.match(e.content));
  return h.digest("hex").slice(0, 32);
}

const GOLDEN: Record<string, string> = {
  "HDFS/drain": "866afbb0d01118615fd20a04a5abb333",
  "HDFS/loglab": "7f8e8e1d2979a684508c34fe228b16b0",
  "Hadoop/drain": "16cd80e7dcc892327e7ff9bf586a89a8",
  "Hadoop/loglab": "f865ce20f9040e80fb1eabea5d872a75",
  "Spark/drain": "68c199c6e8df336737ae24e8d21a3206",
  "Spark/loglab": "77cc5af46fbe13127b72ff3f01643dce",
  "Zookeeper/drain": "49a0e578745edd145cc30c8223907451",
  "Zookeeper/loglab": "10319c6c44e635b83a5a2002f7c25994",
  "BGL/drain": "20fa17c364d457ca28250437c90b6302",
  "BGL/loglab": "4deb8b44a6cb048359dc3b04aa0c4be9",
  "HPC/drain": "ef7ef35d2089d10ba8111062aaf58ca5",
  "HPC/loglab": "748a15dd0bb7abe8479f9c7be5bcc04a",
  "Thunderbird/drain": "da665216b37baa430fa4eebcf94037cd",
  "Thunderbird/loglab": "d21539c17651d1bf0a67ee1204efef58",
  "Windows/drain": "c679367db6f5fd63d7f02d4771195d45",
  "Windows/loglab": "8014c7e25959a69329c3dcafb789afa7",
  "Linux/drain": "76e539b0a60141bf9e69e24a634f7b53",
  "Linux/loglab": "9e0148e28f93e1176a60827aeef5818e",
  "Android/drain": "8d938e205ed4d644fcefc4273eb30072",
  "Android/loglab": "9cd8cfaa4a88c89f023b56f6e0a7d6de",
  "HealthApp/drain": "5a6f4e8c259d6f91539ee5aa860d211c",
  "HealthApp/loglab": "3d1e594b90ba4d9384b56ae1cfbdcc17",
  "Apache/drain": "cd6a71bd0cf59f4dd473bc8c563249a8",
  "Apache/loglab": "bda8a642f943b10082abf124dce73b62",
  "Proxifier/drain": "142538a76234fa576726fdccc77d5aad",
  "Proxifier/loglab": "4b10b3738ad7c71c305bdbe794eba756",
  "OpenSSH/drain": "8757945cf5ce346b702da80c52f2e549",
  "OpenSSH/loglab": "09c34b1804d85653910f44c4f81abdeb",
  "OpenStack/drain": "65701a35ef84d045c2d6c073b3fc0019",
  "OpenStack/loglab": "2a69d81eb803eaaa86b713a600cbc54a",
  "Mac/drain": "48e98f0a15817901bea839fd3c47d6da",
  "Mac/loglab": "0f029c729fdbf70db8c8a12ae1992db6",
};

describe("TemplateMiner outputs on the 16 LogHub systems (byte for byte)", () => {
  it("match the pinned digests in both modes", async () => {
    const got: Record<string, string> = {};
    for (const system of LOGHUB_SYSTEMS) for (const mode of MODES) got[`${system}/${mode}`] = await minerDigest(system, mode);
    if (process.env.LOGLAB_PRINT_GOLDEN) console.log(JSON.stringify(got, null, 2));
    expect(Object.keys(got)).toHaveLength(32);
    expect(got).toEqual(GOLDEN);
  }, 300_000);
});
