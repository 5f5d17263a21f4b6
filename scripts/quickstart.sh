#!/usr/bin/env bash
# loglab quick start, step 1 of 2: installs what is missing and runs the main job, every notebook
# in order (smoke profile) on the data shipped in data/, writing models/ and results/.
#   npm run quickstart                 (smoke profile: minutes)
#   npm run quickstart -- --profile full
# Step 2 is `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "loglab needs Node.js 20 or newer (found $(node --version))." >&2
  exit 1
fi

# 1. JavaScript dependencies (npm ci when node_modules is missing or older than the lockfile).
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "▶ npm ci" >&2
  npm ci --no-audit --no-fund
fi

# 2. Headless Chromium for PNG figures (HTML figures work without it).
have_chromium() {
  [ -n "${LOGLAB_CHROMIUM:-}" ] && [ -x "${LOGLAB_CHROMIUM}" ] && return 0
  for c in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable; do
    [ -x "$c" ] && return 0
  done
  return 1
}
if ! have_chromium; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "▶ apt-get install chromium (for PNG figures)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
  else
    echo "⚠ No Chromium found: figures are saved as HTML only. For PNGs install Chromium" >&2
    echo "  (Debian/Ubuntu: sudo apt-get install chromium) or set LOGLAB_CHROMIUM=/path/to/chrome." >&2
  fi
fi

# 3. The main job: every notebook, in order.
echo "▶ npm run notebooks -- $*" >&2
npm run --silent notebooks -- "$@"
echo "✔ done: results in results/<notebook>/ (tables, figures, metrics, manifest.json), models in models/" >&2
