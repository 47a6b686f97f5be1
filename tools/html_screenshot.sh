#!/usr/bin/env bash
# Screenshot test of the HTML report: installs Debian's chromium if missing, renders a scenario's
# --html page headless (no network: the page is self-contained), checks that the embedded script
# drew its charts (the DOM after scripts has the SVGs and no "needs JavaScript" fallback), and that
# the PNG is a real picture (not blank, not tiny). Look at the PNG too.
# Usage: tools/html_screenshot.sh [SCENARIO] [OUT.png]; BUILD_DIR=dir to use another build tree.
set -euo pipefail
cd "$(dirname "$0")/.."
scenario=${1:-scenarios/scale_out.yaml}
build=${BUILD_DIR:-build}
png=${2:-$build/report-screenshot.png}
RMQSIM_WITH_CHROMIUM=1 tools/install_deps.sh
if [ ! -x "$build/src/rmq-rebalance-sim" ]; then
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$build" --target rmq-rebalance-sim
fi
html=$(mktemp --suffix=.html)
dom=$(mktemp)
trap 'rm -f "$html" "$dom"' EXIT
"$build/src/rmq-rebalance-sim" run "$scenario" --quiet --html "$html" >/dev/null
chrome=(timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1400,2000)

"${chrome[@]}" --dump-dom "file://$html" >"$dom" 2>/dev/null || true
svgs=$(grep -o '<svg' "$dom" | wc -l)
if [ "$svgs" -lt 3 ] || grep -q 'needs JavaScript' "$dom"; then
  echo "html_screenshot: the page's script did not draw its charts ($svgs SVGs)"; exit 1
fi

mkdir -p "$(dirname "$png")"
rm -f "$png"
"${chrome[@]}" --screenshot="$png" "file://$html" >/dev/null 2>&1 || true
[ -s "$png" ] || { echo "html_screenshot: chromium wrote no screenshot"; exit 1; }
python3 - "$png" "$svgs" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
w, h = struct.unpack('>II', data[16:24])
# Decode enough of the image to count distinct colours: a blank page has one or two.
idat = b''.join(data[i + 8:i + 8 + struct.unpack('>I', data[i:i + 4])[0]]
                for i in range(8, len(data)) if data[i + 4:i + 8] == b'IDAT')
raw = zlib.decompress(idat)
colours = len(set(raw[k:k + 3] for k in range(1, min(len(raw), 4_000_000), 4)))
print(f'html_screenshot: {sys.argv[1]} {w}x{h}, {sys.argv[2]} charts, ~{colours} colours sampled')
if w < 800 or h < 600 or colours < 20:
    sys.exit('html_screenshot: the page looks blank')
PY
