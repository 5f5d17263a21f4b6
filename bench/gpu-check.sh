#!/usr/bin/env bash
# One-shot GPU check (issue 16, item 6): install, show what the machine offers for WebGPU, then
# time DeepLog, the transformer classifier and LogBERT training on webgpu and wasm.
#   bash bench/gpu-check.sh [SECONDS_PER_MODEL]      (default 20; whole run about 3 min + npm ci)
# Writes backend.json, bench.log and diagnostics.txt to $OUT when set (else to ./results/gpu-check).
# Never run by the tests or CI.
set -uo pipefail
SECONDS_PER_MODEL="${1:-20}"
DEST="${OUT:-results/gpu-check}"
mkdir -p "$DEST"
{
  echo "# $(date -u +%FT%TZ) $(uname -srm); node $(node --version)"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || echo "nvidia-smi: not found"
  echo "libvulkan.so.1: $(ldconfig -p 2>/dev/null | grep -m1 'libvulkan.so.1' || echo 'not in the ldconfig cache')"
  echo "Vulkan ICDs: $(ls /usr/share/vulkan/icd.d /etc/vulkan/icd.d 2>/dev/null | tr '\n' ' ')"
} > "$DEST/diagnostics.txt" 2>&1
cat "$DEST/diagnostics.txt"
if [ ! -d node_modules/webgpu ] || [ ! -d node_modules/@tensorflow/tfjs-backend-webgpu ]; then
  timeout 300 npm ci --no-audit --no-fund > "$DEST/npm-ci.log" 2>&1 || { echo "npm ci failed (see $DEST/npm-ci.log)"; tail -5 "$DEST/npm-ci.log"; }
fi
# Two models × two backends × SECONDS_PER_MODEL, plus warm-up, LogBERT's first steps and data preparation.
LIMIT=$(( 6 * SECONDS_PER_MODEL + 180 ))
timeout "$LIMIT" npx tsx bench/backend.bench.ts --backends webgpu,wasm --seconds "$SECONDS_PER_MODEL" --json "$DEST/backend.json" 2>&1 | tee "$DEST/bench.log"
echo "exit ${PIPESTATUS[0]} (124 = hit the ${LIMIT} s limit); outputs in $DEST"
