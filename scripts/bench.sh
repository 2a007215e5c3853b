#!/usr/bin/env bash
# Measures aussage on real German news (needs ../shared/corpus beside the repository,
# or AUSSAGE_CORPUS=DIR with *.txt articles):
#  1. criterion, in-process, one thread: each stage and the whole pipeline in MB/s;
#  2. the release binary over the folder with 1 and 2 threads: wall time, MB/s, peak RSS;
#  3. start-up: one ~3 KB article through the CLI, mean of 50 runs.
# Usage: scripts/bench.sh [--quick]   (--quick skips criterion)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${AUSSAGE_CORPUS:-target/corpus-articles}
if [ ! -d "$corpus" ]; then
  if [ -f ../shared/corpus/build.py ]; then
    python3 ../shared/corpus/build.py --mirror ../shared/corpus --out "$corpus" >/dev/null
  else
    echo "no corpus: set AUSSAGE_CORPUS=DIR or put ../shared/corpus beside the repository"; exit 0
  fi
fi
export AUSSAGE_CORPUS=$corpus
bytes=$(cat "$corpus"/*.txt | wc -c)
docs=$(ls "$corpus"/*.txt | wc -l)
echo "corpus: $corpus, $docs articles, $bytes bytes"
cargo build --release --quiet
bin=target/release/aussage
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench pipeline -- --noplot 2>/dev/null | grep -E "^news/|^startup/|time:|thrpt:"
fi
for j in 1 2; do
  best=
  for _ in 1 2 3; do
    t=$( { /usr/bin/time -f "%e %M" "$bin" extract "$corpus" -j $j -q >/dev/null; } 2>&1 | tail -1)
    best=$(printf '%s\n%s\n' "$best" "$t" | awk 'NF' | sort -n | head -1)
  done
  read -r secs rss <<<"$best"
  python3 -c "print(f'cli -j $j: {$secs:.2f} s, {$bytes/1e6/max($secs,1e-9):.1f} MB/s, peak RSS {$rss/1024:.1f} MiB')"
done
one=$(python3 -c 'import os,sys; d=sys.argv[1]; print(min((os.path.join(d,f) for f in os.listdir(d)), key=lambda p: abs(os.path.getsize(p)-3000)))' "$corpus")
start=$(date +%s.%N)
for _ in $(seq 50); do "$bin" extract "$one" >/dev/null; done
end=$(date +%s.%N)
python3 -c "print(f'start-up: one {$(wc -c <"$one")}-byte article through the CLI: {($end-$start)/50*1000:.1f} ms')"
