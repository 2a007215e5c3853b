#!/usr/bin/env bash
# Measures aussage on real German news (needs ../shared/corpus beside the repository,
# or AUSSAGE_CORPUS=DIR with *.txt articles):
#  1. criterion, in-process, one thread: each stage and the whole pipeline in MB/s;
#  2. the release binary over the folder with 1 and 2 threads: wall time, MB/s, peak RSS;
#  3. the floor: a minimal Rust split + JSON pass over the same folder
#     (examples/baseline.rs), and the ratio of the pipeline's time to it;
#  4. start-up: one ~3 KB article through the CLI, median of 50 runs;
#  5. with valgrind: instruction counts of the same runs (exact, unlike wall time).
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
cargo build --release --quiet --bin aussage --example baseline
bin=target/release/aussage
if [ "${1:-}" != "--quick" ]; then
  cargo bench --bench pipeline -- --noplot 2>/dev/null | grep -E "^news/|^startup/|time:|thrpt:"
fi
# best of 7 wall times of a command (stdout discarded), in seconds
best_of() {
  python3 -c 'import subprocess, sys, time
best = 1e9
for _ in range(7):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    best = min(best, time.perf_counter() - t)
print(f"{best:.4f}")' "$@"
}
# peak RSS of one run, in MiB
peak_rss() {
  { /usr/bin/time -f "%M" "$@" >/dev/null; } 2>&1 | tail -1 | awk '{printf "%.1f", $1/1024}'
}
mbs() { python3 -c "print(f'{$1/1e6/max($2,1e-9):.1f}')"; }
base=$(best_of target/release/examples/baseline "$corpus")
echo "floor (minimal split + JSON over the folder): ${base} s, $(mbs "$bytes" "$base") MB/s"
for j in 1 2; do
  t=$(best_of "$bin" extract "$corpus" -j $j -q --format jsonl)
  eval "t$j=$t"
  echo "cli -j $j: ${t} s, $(mbs "$bytes" "$t") MB/s, $(python3 -c "print(f'{$t/$base:.1f}')")x the floor, peak RSS $(peak_rss "$bin" extract "$corpus" -j $j -q --format jsonl) MiB"
done
python3 -c "print(f'2 threads / 1 thread: {$t1/$t2:.2f}x')"
for only in sentences quantities entities claims; do
  t=$(best_of "$bin" extract "$corpus" -j 1 -q --format jsonl --only "$only")
  echo "cli -j 1 --only $only: ${t} s, $(mbs "$bytes" "$t") MB/s"
done
# What a stage adds to sentence splitting and tokens (issues 4 and 5): each run
# writes the tokens too, so the base is the sentences-and-tokens job itself.
base_tok=$(best_of "$bin" extract "$corpus" -j 1 -q --format jsonl --only sentences --tokens)
echo "cli -j 1 --only sentences --tokens: ${base_tok} s"
for only in quantities entities; do
  t=$(best_of "$bin" extract "$corpus" -j 1 -q --format jsonl --only "$only" --tokens)
  echo "cli -j 1 --only $only --tokens: ${t} s, +$(python3 -c "print(f'{($t/$base_tok-1)*100:.0f}')") % over sentences + tokens"
done
if [ -f ../shared/corpus/build_nasty.py ]; then
  nasty=target/nasty
  [ -f "$nasty/08_single_line_20MB.txt" ] || python3 ../shared/corpus/build_nasty.py --out "$nasty" >/dev/null
  big=$nasty/08_single_line_20MB.txt
  t=$(best_of "$bin" extract "$big" -q --format jsonl)
  echo "one 20 MB document: ${t} s, $(mbs 20000000 "$t") MB/s, peak RSS $(peak_rss "$bin" extract "$big" -q --format jsonl) MiB"
fi
one=$(python3 -c 'import os,sys; d=sys.argv[1]; print(min((os.path.join(d,f) for f in os.listdir(d)), key=lambda p: abs(os.path.getsize(p)-3000)))' "$corpus")
python3 -c 'import subprocess, sys, time
ts = []
for _ in range(50):
    t = time.perf_counter()
    subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"start-up: one ~3 KB article through the CLI: median {ts[25]*1000:.1f} ms, best {ts[0]*1000:.1f} ms")' "$bin" extract "$one"
# Instruction counts: exact and the same from run to run, so they compare builds
# on a noisy machine where wall times do not (needs valgrind; skipped without).
if command -v valgrind >/dev/null; then
  instr() {
    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
      awk '/I *refs/ {gsub(",", "", $NF); printf "%.1f", $NF / 1e6}'
  }
  i_floor=$(instr target/release/examples/baseline "$corpus")
  i_all=$(instr "$bin" extract "$corpus" -j 1 -q --format jsonl)
  i_tok=$(instr "$bin" extract "$corpus" -j 1 -q --format jsonl --only sentences --tokens)
  i_q=$(instr "$bin" extract "$corpus" -j 1 -q --format jsonl --only quantities --tokens)
  i_e=$(instr "$bin" extract "$corpus" -j 1 -q --format jsonl --only entities --tokens)
  i_start=$(instr "$bin" extract "$one")
  echo "instructions (M): floor $i_floor, whole pipeline -j 1 $i_all ($(python3 -c "print(f'{$i_all/$i_floor:.1f}')")x), start-up $i_start"
  echo "instructions (M): sentences + tokens $i_tok; quantities +$(python3 -c "print(f'{($i_q/$i_tok-1)*100:.0f}')") %, entities +$(python3 -c "print(f'{($i_e/$i_tok-1)*100:.0f}')") % over it"
else
  echo "instruction counts: skipped (no valgrind)"
fi
