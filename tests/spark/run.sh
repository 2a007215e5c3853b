#!/usr/bin/env bash
# Scale-out proof: the JSONL mode inside Spark's RDD.pipe over 10,000 generated German
# lines, compared byte for byte with one plain run. Runs when AUSSAGE_SPARK=1 (set by
# .ci/run); needs python3 and Java; pyspark is installed, pinned, into a venv under
# target/ (pip caches the built wheel, so later runs take seconds).
# usage: tests/spark/run.sh [BINARY]   (default target/debug/aussage)
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${AUSSAGE_SPARK:-0}" != 1 ]; then
  echo "spark test: skipped (set AUSSAGE_SPARK=1 to run it)"; exit 0
fi
command -v java >/dev/null || { echo "spark test: skipped (no java on this machine)"; exit 0; }
bin=$(cd "$(dirname "${1:-target/debug/aussage}")" && pwd)/$(basename "${1:-target/debug/aussage}")
venv=target/spark-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pyspark' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "pyspark==3.5.3"
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/input.jsonl" <<'PY'
import json, random, sys
random.seed(7)
who = ["Die Ministerin", "Der Sprecher der Regierung", "Kanzler Friedrich Merz", "Eine Sprecherin der Stadt", "Der Verband"]
verbs = ["sagte", "erklärte", "betonte", "teilte mit", "kündigte an"]
what = ["die Kosten lägen bei {n} Millionen Euro", "man werde {n} neue Stellen schaffen",
        "die Zahl der Fälle sei um {p} Prozent gestiegen", "das Projekt dauere noch {n} Monate"]
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for i in range(10000):
        n, p = random.randint(2, 900), round(random.uniform(0.5, 40), 1)
        s = f"{random.choice(who)} {random.choice(verbs)} am {random.randint(1, 28)}. März in Berlin, {random.choice(what).format(n=n, p=str(p).replace('.', ','))}."
        if i % 3 == 0:
            s += f" „Wir handeln jetzt“, hieß es. Laut Statistik leben {n * 1000} Menschen in der Region."
        out.write(json.dumps({"id": f"doc-{i:05d}", "text": s, "ressort": "Inland"}, ensure_ascii=False) + "\n")
PY
"$bin" extract --input jsonl --format jsonl --quiet "$tmp/input.jsonl" > "$tmp/plain.jsonl"
export SPARK_LOCAL_IP=127.0.0.1 PYSPARK_PYTHON="$PWD/$venv/bin/python" PYSPARK_DRIVER_PYTHON="$PWD/$venv/bin/python"
"$venv/bin/python" tests/spark/job.py "$bin" "$tmp/input.jsonl" "$tmp/out" "$tmp/plain.jsonl"
