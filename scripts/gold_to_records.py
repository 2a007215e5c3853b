#!/usr/bin/env python3
"""Convert the project's gold sets (../shared/eval/*/*.jsonl) to aussage's own
record format, the gold format of `aussage eval`.

usage: scripts/gold_to_records.py GOLD.jsonl > gold-records.jsonl

- sentences given as strings become spans {start, end, text, heading: false},
  located in order in the text (as the sentence scorer does);
- entity label OTH becomes MISC (our name for GermEval's OTH);
- quantities and claims are already in the record format and are copied;
- id, text, annotated_kinds, scope and optional flags are kept.
Standard library only.
"""
import json
import sys


def sentence_spans(text, sentences):
    out, pos = [], 0
    for s in sentences:
        if isinstance(s, dict):
            out.append(s)
            continue
        core = s.strip()
        if not core:
            continue
        i = text.find(core, pos)
        if i < 0:
            sys.exit(f"sentence not found in order: {core[:60]!r}")
        out.append({"start": i, "end": i + len(core), "text": core, "heading": False})
        pos = i + len(core)
    return out


def convert(d):
    rec = {"schema": "aussage.v1", "id": d["id"], "text": d["text"]}
    for key in ("annotated_kinds", "scope"):
        if key in d:
            rec[key] = d[key]
    if "sentences" in d:
        rec["sentences"] = sentence_spans(d["text"], d["sentences"])
    if "entities" in d:
        rec["entities"] = [dict(e, label="MISC" if e["label"] == "OTH" else e["label"]) for e in d["entities"]]
    for key in ("quantities", "claims"):
        if key in d:
            rec[key] = d[key]
    return rec


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                print(json.dumps(convert(json.loads(line)), ensure_ascii=False))


if __name__ == "__main__":
    main()
