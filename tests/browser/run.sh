#!/usr/bin/env bash
# Real-browser test of the HTML review page: renders the seed article's page in
# headless Chromium, checks that the screenshot is not blank and that the DOM holds
# the expected entity, quantity and claim texts.
# usage: tests/browser/run.sh [BINARY] [SCREENSHOT_OUT]   (BINARY default target/debug/aussage)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${1:-target/debug/aussage}
shot_out=${2:-}
chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
  echo "browser test: skipped (no chromium; .ci/run installs it where apt is available)"
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" extract seeds/000_4700e5317d1ffa80.txt --format html > "$tmp/seed.html"
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-quic --user-data-dir="$tmp/profile" --hide-scrollbars)
timeout 60 "$chrome" "${flags[@]}" --window-size=1400,1800 --screenshot="$tmp/seed.png" "file://$tmp/seed.html" >/dev/null 2>&1
timeout 60 "$chrome" "${flags[@]}" --dump-dom "file://$tmp/seed.html" > "$tmp/dom.html" 2>/dev/null
[ -s "$tmp/seed.png" ] || { echo "browser test: no screenshot"; exit 1; }
python3 tests/browser/png_check.py "$tmp/seed.png" 300
fail=0
for want in 'Emmanuel Macron' 'https://www.wikidata.org/wiki/Q' 'money: 40000000000 EUR' \
            'sehr hohe Sicherheitsgarantien' 'Konferenzgastgeber' '<h2>Die Rolle der ' \
            'class="who"' 'indirect_speech' '„deutliche Steigerung“'; do
  if ! grep -qF -- "$want" "$tmp/dom.html"; then
    echo "browser test: the rendered page lacks: $want"; fail=1
  fi
done
[ -n "$shot_out" ] && cp "$tmp/seed.png" "$shot_out"
[ $fail = 0 ] && echo "browser test: page renders, screenshot not blank, entities/quantities/claims present"
exit $fail
