#!/usr/bin/env bash
# Renders the HTML report of the shipped paper model in headless Chromium, as a person would
# see it: the page must load without console errors, hold both charts, and its screenshot
# must not be blank. Installs Chromium from the system packages when it is missing. Uses the
# tool the tests built (target/debug/ahp-fce); .ci/run runs it after them.
set -uo pipefail
cd "$(dirname "$0")/.."
tool=target/debug/ahp-fce
[ -x "$tool" ] || { echo "build the tool first: cargo build -p ahp-fce-cli"; exit 2; }
if ! command -v chromium >/dev/null 2>&1; then
    echo "installing chromium from the system packages"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null \
        || { echo "browser: 0 passed, 1 failed (chromium could not be installed)"; exit 1; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$tool" evaluate examples/models/paper.toml --format html --output "$work/report.html" || exit 1

# The flags keep a headless browser off the network it cannot reach on this machine.
browser() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$work/profile" --enable-logging=stderr --v=0 "$@"
}

passed=0
failed=0
verdict() { # NAME OK(0/1) DETAIL
    if [ "$2" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED $1: $3"; fi
}

browser --window-size=1200,2600 --screenshot="$work/shot.png" "file://$work/report.html" \
    >"$work/shot.out" 2>"$work/shot.err"
[ -s "$work/shot.png" ]
verdict "screenshot taken" $? "$(tail -n 5 "$work/shot.err")"

browser --dump-dom "file://$work/report.html" >"$work/dom.html" 2>"$work/dom.err"
errors=$(grep -E 'CONSOLE|Uncaught' "$work/dom.err" "$work/shot.err" | grep -viE 'deprecat' || true)
[ -z "$errors" ]
verdict "no console errors" $? "$errors"
grep -q 'id="weights-chart"' "$work/dom.html" && grep -q 'id="objects-chart"' "$work/dom.html"
verdict "both charts rendered" $? "charts missing from the rendered page"
bars=$(grep -o '<rect' "$work/dom.html" | wc -l)
[ "$bars" -ge 24 ]
verdict "every weight and grade share drawn" $? "only $bars bars"

python3 - "$work/shot.png" <<'PY'
"""Decodes the screenshot (PNG, 8-bit RGB or RGBA) and fails if it is blank: the page must
put colour on a good share of pixels and use many colours."""
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, width = 8, b"", 0
while pos < len(data):
    length, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + length]
    if kind == b"IHDR":
        width, height, depth, colour = struct.unpack(">IIBB", body[:10])
        assert depth == 8 and colour in (2, 6), f"unexpected PNG format {depth}/{colour}"
        channels = 3 if colour == 2 else 4
    elif kind == b"IDAT":
        idat += body
    pos += 12 + length
raw, stride = zlib.decompress(idat), width * channels
rows, previous, offset = [], bytearray(stride), 0
for _ in range(height):
    kind, line = raw[offset], bytearray(raw[offset + 1:offset + 1 + stride])
    offset += 1 + stride
    for i in range(stride):
        left = line[i - channels] if i >= channels else 0
        up, corner = previous[i], previous[i - channels] if i >= channels else 0
        if kind == 1: line[i] = (line[i] + left) & 255
        elif kind == 2: line[i] = (line[i] + up) & 255
        elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
        elif kind == 4:
            p = left + up - corner
            pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
            line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
    rows.append(bytes(line))
    previous = line
pixels = [row[i:i + 3] for row in rows[::4] for i in range(0, stride, channels * 4)]
coloured = sum(1 for p in pixels if p != b"\xff\xff\xff")
colours = len(set(pixels))
share = coloured / len(pixels)
print(f"screenshot {width}x{height}: {100 * share:.1f} % of sampled pixels not white, {colours} colours")
sys.exit(0 if share > 0.02 and colours > 8 else 1)
PY
verdict "screenshot not blank" $? "the page looks blank"

echo "browser: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
