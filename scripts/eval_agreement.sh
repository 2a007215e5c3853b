#!/usr/bin/env bash
# Checks that `aussage eval` agrees with the reference scorers in ../shared/eval on
# every dev gold set: the headline figures must agree within 0.01.
# usage: scripts/eval_agreement.sh [BINARY]   (default target/release/aussage)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/aussage}
ev=../shared/eval
[ -d "$ev" ] || { echo "no ../shared/eval beside the repository: nothing to compare"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
compare() { # name task gold scorer ours-key theirs-key [scorer args]
  local name=$1 task=$2 gold=$3 scorer=$4 ours_key=$5 theirs_key=$6; shift 6
  python3 scripts/gold_to_records.py "$gold" >"$tmp/gold.jsonl"
  local eval_args=()
  for a in "$@"; do eval_args+=("$a"); done
  ours=$("$bin" eval "$tmp/gold.jsonl" --task "$task" "${eval_args[@]}" | tail -1)
  python3 -c 'import json,sys
for l in sys.stdin:
    d=json.loads(l); print(json.dumps({"id":d["id"],"text":d["text"]},ensure_ascii=False))' <"$gold" \
    | "$bin" extract --input jsonl --format jsonl $( [ "$task" = sentences ] && echo --only sentences ) >"$tmp/pred.jsonl" 2>/dev/null || true
  theirs=$(python3 "$scorer" "$gold" "$tmp/pred.jsonl" "$@" 2>/dev/null | tail -1)
  a=$(grep -oE "(^| )$ours_key=[0-9.]+" <<<"$ours" | cut -d= -f2)
  b=$(grep -oE "(^| )$theirs_key=[0-9.]+" <<<"$theirs" | cut -d= -f2)
  ok=$(python3 -c "print('ok' if abs($a-$b) <= 0.01 else 'DIFFERS')")
  [ "$ok" = ok ] || fail=1
  printf '%-40s aussage eval %s=%s   score.py %s=%s   %s\n' "$name" "$ours_key" "$a" "$theirs_key" "$b" "$ok"
}
for g in golden_rules probes_news ud_gsd_dev; do
  compare "sentences $g" sentences "$ev/sentences/$g.jsonl" "$ev/sentences/score.py" F1 F1
done
for g in seed news_dev rt_de duckling_de; do
  compare "numbers $g (span)" quantities "$ev/numbers/$g.jsonl" "$ev/numbers/score.py" span_F1 span_F1
  compare "numbers $g (value)" quantities "$ev/numbers/$g.jsonl" "$ev/numbers/score.py" value_acc value_acc
done
for g in seed germeval14_dev_news1000; do
  compare "entities $g" entities "$ev/entities/$g.jsonl" "$ev/entities/score.py" F1 F1
  compare "entities $g core" entities "$ev/entities/$g.jsonl" "$ev/entities/score.py" F1 F1 --labels PER,LOC,ORG --ignore-subtypes
done
for g in seed spkatt_news_dev; do
  compare "claims $g" claims "$ev/claims/$g.jsonl" "$ev/claims/score.py" claim_F1 claim_F1
  compare "claims $g speaker" claims "$ev/claims/$g.jsonl" "$ev/claims/score.py" speaker_acc speaker_acc
done
exit $fail
