// The loglab page: paste or drop a log, pick a model, analyse through /api/predict (in requests of
// at most the server's max_lines), then a table (filter, sort, anomalies highlighted), Plotly
// charts of the class and log-type distributions, and JSON/CSV export. Plain browser JavaScript:
// no build step; every text from a log is set with textContent (never parsed as HTML).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { rows: [], limits: { max_lines: 100 }, sortKey: "line", sortDir: 1, model: null };

function showError(message) {
  const e = $("error");
  e.textContent = message;
  e.hidden = !message;
}

async function getJson(url, init) {
  const res = await fetch(url, init);
  let body;
  try {
    body = await res.json();
  } catch {
    throw new Error(`${url}: HTTP ${res.status}, not JSON`);
  }
  if (!res.ok) throw new Error(body && body.error ? body.error : `${url}: HTTP ${res.status}`);
  return body;
}

async function loadModels() {
  try {
    const [health, avail] = await Promise.all([getJson("/health"), getJson("/available-models")]);
    state.limits = avail.limits;
    const loaded = Object.entries(health.models_loaded).filter(([, v]) => v).map(([k]) => k);
    $("health").textContent = `server ${health.status}; models loaded: ${loaded.join(", ") || "none"}`;
    const sel = $("model");
    sel.textContent = "";
    for (const m of avail.models) {
      const o = document.createElement("option");
      o.value = m.key;
      o.textContent = m.loaded ? `${m.label}` : `${m.label} (not loaded)`;
      o.disabled = !m.loaded;
      if (!m.loaded) o.title = m.reason || "";
      o.dataset.modelType = m.model_type;
      if (m.bert_variant) o.dataset.variant = m.bert_variant;
      sel.appendChild(o);
    }
    sel.value = avail.default;
  } catch (err) {
    $("health").textContent = `server not reachable: ${err.message}`;
  }
}

function setupFormats() {
  const names = ["HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows", "Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac", "syslog-rfc3164", "syslog-rfc5424", "apache-access-common", "apache-access-combined", "apache-error", "raw"];
  for (const n of names) {
    const o = document.createElement("option");
    o.value = n;
    o.textContent = n;
    $("format").appendChild(o);
  }
}

function readFile(file) {
  const reader = new FileReader();
  reader.onload = () => {
    $("logs").value = String(reader.result);
    $("progress").textContent = `${file.name}: ${String(reader.result).split(/\r?\n/).filter((l) => l.trim()).length} lines`;
  };
  reader.onerror = () => showError(`cannot read ${file.name}`);
  reader.readAsText(file);
}

function setupInput() {
  $("file").addEventListener("change", (e) => {
    const f = e.target.files && e.target.files[0];
    if (f) readFile(f);
  });
  const drop = $("drop");
  for (const ev of ["dragenter", "dragover"]) drop.addEventListener(ev, (e) => { e.preventDefault(); drop.classList.add("over"); });
  for (const ev of ["dragleave", "drop"]) drop.addEventListener(ev, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    const f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (f) readFile(f);
  });
}

async function analyse() {
  showError("");
  const lines = $("logs").value.split(/\r?\n/).map((raw, i) => ({ raw, line: i + 1 })).filter((l) => l.raw.trim() !== "");
  if (lines.length === 0) return showError("Paste or drop some log lines first.");
  const opt = $("model").selectedOptions[0];
  if (!opt || opt.disabled) return showError("Pick a loaded model.");
  const body = { model_type: opt.dataset.modelType, include_probabilities: true, include_templates: true };
  if (opt.dataset.variant) body.bert_variant = opt.dataset.variant;
  if ($("format").value !== "auto") body.format = $("format").value;
  const size = state.limits.max_lines;
  const rows = [];
  $("analyze").disabled = true;
  const t0 = performance.now();
  try {
    for (let i = 0; i < lines.length; i += size) {
      $("progress").textContent = `analysing ${Math.min(i + size, lines.length)} / ${lines.length} lines…`;
      const chunk = lines.slice(i, i + size);
      const res = await getJson("/api/predict", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...body, logs: chunk.map((l) => l.raw) }) });
      state.model = res.model_used;
      res.logs.forEach((r, k) => rows.push({
        line: chunk[k].line,
        log_type: r.log_type,
        class_name: r.prediction.class_name,
        class_index: r.prediction.class_index,
        confidence: r.prediction.confidence,
        template: r.template,
        raw: r.raw,
        probabilities: r.prediction.probabilities,
      }));
    }
    state.rows = rows;
    $("progress").textContent = `${rows.length} lines in ${((performance.now() - t0) / 1000).toFixed(2)} s`;
    render();
  } catch (err) {
    showError(`Analysis failed: ${err.message}`);
  } finally {
    $("analyze").disabled = false;
  }
}

function counts(key) {
  const m = new Map();
  for (const r of state.rows) m.set(r[key], (m.get(r[key]) || 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

function drawCharts() {
  const layout = (title) => ({ title: { text: title, font: { size: 14 } }, margin: { l: 140, r: 20, t: 40, b: 40 }, xaxis: { title: { text: "lines" } } });
  const cls = counts("class_name").reverse();
  Plotly.react("chart-classes", [{ type: "bar", orientation: "h", x: cls.map((c) => c[1]), y: cls.map((c) => c[0]), marker: { color: cls.map((c) => (c[0] === "normal" ? "#98a2b3" : "#d92d20")) } }], layout("Class distribution"), { displaylogo: false, responsive: true });
  const types = counts("log_type").reverse();
  Plotly.react("chart-types", [{ type: "bar", orientation: "h", x: types.map((c) => c[1]), y: types.map((c) => c[0]), marker: { color: "#2f6fed" } }], layout("Log-type distribution"), { displaylogo: false, responsive: true });
}

function visibleRows() {
  const q = $("filter").value.toLowerCase();
  const cls = $("class-filter").value;
  const onlyAnomalies = $("anomalies-only").checked;
  const rows = state.rows.filter((r) => (!q || r.raw.toLowerCase().includes(q) || String(r.template).toLowerCase().includes(q)) && (!cls || r.class_name === cls) && (!onlyAnomalies || r.class_index !== 0));
  const k = state.sortKey;
  const dir = state.sortDir;
  return rows.sort((a, b) => (a[k] < b[k] ? -dir : a[k] > b[k] ? dir : a.line - b.line));
}

function drawTable() {
  const tbody = $("results").tBodies[0];
  tbody.textContent = "";
  const rows = visibleRows();
  const frag = document.createDocumentFragment();
  for (const r of rows) {
    const tr = document.createElement("tr");
    if (r.class_index !== 0) tr.className = "anomaly";
    const cells = [[String(r.line), ""], [r.log_type, ""], [r.class_name, "cls"], [r.confidence == null ? "" : r.confidence.toFixed(3), ""], [r.template == null ? "" : r.template, "mono"], [r.raw, "mono"]];
    for (const [text, cls] of cells) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.appendChild(td);
    }
    frag.appendChild(tr);
  }
  tbody.appendChild(frag);
  $("shown").textContent = `${rows.length} of ${state.rows.length} lines shown`;
  for (const th of $("results").tHead.rows[0].cells) th.className = th.dataset.key === state.sortKey ? (state.sortDir > 0 ? "asc" : "desc") : "";
}

function render() {
  $("output").hidden = false;
  const anomalies = state.rows.filter((r) => r.class_index !== 0).length;
  const m = state.model;
  $("summary").textContent = `${state.rows.length} lines, ${anomalies} anomalous (${((100 * anomalies) / state.rows.length).toFixed(1)}%)` + (m ? ` — model ${m.model_type} ${m.model_name}` : "");
  const sel = $("class-filter");
  const keep = sel.value;
  sel.textContent = "";
  for (const [name] of [["", 0], ...counts("class_name")]) {
    const o = document.createElement("option");
    o.value = name;
    o.textContent = name || "all";
    sel.appendChild(o);
  }
  sel.value = keep;
  drawCharts();
  drawTable();
}

function download(name, type, text) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(new Blob([text], { type }));
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

function csvCell(v) {
  const s = v == null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function setupOutput() {
  for (const id of ["filter", "class-filter", "anomalies-only"]) $(id).addEventListener("input", drawTable);
  $("anomalies-only").addEventListener("change", drawTable);
  for (const th of $("results").tHead.rows[0].cells) {
    th.addEventListener("click", () => {
      state.sortDir = state.sortKey === th.dataset.key ? -state.sortDir : 1;
      state.sortKey = th.dataset.key;
      drawTable();
    });
  }
  $("export-json").addEventListener("click", () => download("loglab-results.json", "application/json", JSON.stringify({ model: state.model, rows: state.rows }, null, 2)));
  $("export-csv").addEventListener("click", () => {
    const cols = ["line", "log_type", "class_name", "class_index", "confidence", "template", "raw"];
    download("loglab-results.csv", "text/csv", [cols.join(","), ...state.rows.map((r) => cols.map((c) => csvCell(r[c])).join(","))].join("\n") + "\n");
  });
}

setupFormats();
setupInput();
setupOutput();
$("analyze").addEventListener("click", analyse);
loadModels();
