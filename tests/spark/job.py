"""Runs `aussage extract --input jsonl` inside Spark (RDD.pipe, local[2]) and checks
the property a cluster job relies on.

usage: job.py BINARY INPUT.jsonl OUTDIR PLAIN_OUTPUT.jsonl
Checks: as many records as input lines; the set of ids equals the input's; the part
files concatenated in order equal one plain run of the binary byte for byte.
"""
import json
import os
import sys
import time

from pyspark import SparkConf, SparkContext

binary, input_path, out_dir, plain_path = sys.argv[1:5]
conf = SparkConf().setMaster("local[2]").setAppName("aussage-pipe").set("spark.ui.enabled", "false")
sc = SparkContext(conf=conf)
sc.setLogLevel("ERROR")
start = time.time()
# pipe() hands the child an empty environment unless told otherwise, and does not
# check the exit code unless asked: give it what it needs and ask.
records = sc.textFile("file://" + os.path.abspath(input_path), minPartitions=4).pipe(
    f"{binary} extract --input jsonl --format jsonl --quiet",
    env={"LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin"},
    checkCode=True,
)
records.saveAsTextFile("file://" + os.path.abspath(out_dir))
seconds = time.time() - start
sc.stop()

parts = sorted(p for p in os.listdir(out_dir) if p.startswith("part-"))
joined = b"".join(open(os.path.join(out_dir, p), "rb").read() for p in parts)
plain = open(plain_path, "rb").read()
in_ids = [json.loads(l)["id"] for l in open(input_path, encoding="utf-8") if l.strip()]
out = [json.loads(l) for l in joined.decode("utf-8").splitlines()]
size = os.path.getsize(input_path)
print(f"spark: {len(parts)} partitions, {len(out)} records, {seconds:.1f} s, {size / 1e6 / seconds:.2f} MB/s (local[2], start-up included)")
ok = True
if len(out) != len(in_ids):
    print(f"spark: {len(out)} records for {len(in_ids)} input lines"); ok = False
if {r["id"] for r in out} != set(in_ids):
    print("spark: the ids differ from the input's"); ok = False
if joined != plain:
    print("spark: concatenated part files differ from one plain run"); ok = False
if any("error" in r for r in out):
    print("spark: some records are error records"); ok = False
print("spark test: " + ("passed" if ok else "FAILED"))
sys.exit(0 if ok else 1)
