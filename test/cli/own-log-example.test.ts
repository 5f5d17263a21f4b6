import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// Issue 17, item 6: the README's "your own log" example (a config file on the shipped sshd
// sample) is run here exactly as written, with `npx loglab` → `node bin/loglab.mjs` and its
// `work/` folder moved to a temporary one.
const readme = readFileSync("README.md", "utf8");
const dir = mkdtempSync(join(tmpdir(), "own-log-example-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exampleScript(): string {
  const m = /<!-- own-log-example:start -->\s*```bash\n([\s\S]*?)```\s*<!-- own-log-example:end -->/.exec(readme);
  if (!m) throw new Error("README.md has no own-log-example block");
  return m[1]!.replaceAll("npx loglab", "node bin/loglab.mjs").replace(/(^|[\s>])work\//gm, `$1${dir}/work/`).replace("mkdir -p work", `mkdir -p ${dir}/work`);
}

function bash(script: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn("bash", ["-e", "-o", "pipefail", "-c", script], { env: { ...process.env, LOGLAB_NO_PROGRESS: "1" } });
    let stdout = "";
    let stderr = "";
    c.stdout.on("data", (d) => (stdout += String(d)));
    c.stderr.on("data", (d) => (stderr += String(d)));
    c.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("README: your own log with a config file (sshd)", () => {
  it("shows the shipped config file as it is", () => {
    const shown = /```json\n(\{\n  "format": "OpenSSH"[\s\S]*?\n\})\n```/.exec(readme);
    expect(shown, "README shows examples/openssh/loglab.json").not.toBeNull();
    expect(JSON.parse(shown![1]!)).toEqual(JSON.parse(readFileSync("examples/openssh/loglab.json", "utf8")));
  });

  it("runs sessions → train → sessions → detect end to end, with the figures the README quotes", async () => {
    const r = await bash(exampleScript());
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/366 sessions \(27 distinct\) from 1,500 of 1,500 lines; 25 keys/);
    expect(r.stdout).toMatch(/155 sessions \(8 distinct\) from 500 of 500 lines; 26 keys \(1 new\)/);
    expect(r.stderr).toMatch(/loglab train: warning: deeplog was fitted on 293 sessions of which only 26 are distinct/);
    expect(r.stderr).toMatch(/155 sessions scored, 2 flagged anomalous \(1\.3% of them; threshold 9\)/);
    // Sessions are keyed by the Pid header field, closed after 600 s of silence.
    const summary = JSON.parse(readFileSync(join(dir, "work/sshd-train/sessions-summary.json"), "utf8"));
    expect(summary.windowing).toMatchObject({ kind: "session", field: "Pid", timeoutSeconds: 600 });
    expect(summary.settings).toMatchObject({ simThreshold: 0.5, depth: 4, maxClusters: 1000 });
    expect(summary.settings.masking.slice(0, 3).map((m: { name: string }) => m.name)).toEqual(["IP", "PORT", "USER"]);
    // The flagged session 119 is sshd[25457], traced to its raw lines.
    const scores = readFileSync(join(dir, "work/sshd-today/scores.tsv"), "utf8").trim().split("\n").map((l) => l.split("\t"));
    expect(scores.filter((s) => s[2] === "1").map((s) => s[0])).toEqual(["119", "155"]);
    const sessions = readFileSync(join(dir, "work/sshd-today/sessions.csv"), "utf8");
    expect(sessions).toMatch(/^119,25457,3,/m);
    // `loglab tail` (step 4) prints the same two sessions, by their sshd pid, with their raw lines.
    expect(r.stdout).toMatch(/ANOMALY session 25457: score \d+ > threshold 9 \(3 lines[^\n]*\n[^\n]*sshd-today\.log:364: Dec 10 11:03:51 LabSZ sshd\[25457\]/);
    expect(r.stdout).toMatch(/ANOMALY session 25544: /);
    expect(r.stdout.match(/^ANOMALY /gm)).toHaveLength(2);
    // A later run that asks the same state for other masks is refused, naming the difference.
    const other = await bash(
      `node bin/loglab.mjs parse --config examples/openssh/loglab.json --mask 'HOST=ns\\.\\S+' --input ${dir}/work/sshd-today.log --out ${dir}/work/p --state ${dir}/work/sshd-drain.json --no-progress`,
    );
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/was mined with other settings: masking \(state: 5 masks .*--mask\/--no-default-masks\/--mask-placeholder: 3 masks/);
  }, 240_000);
});
