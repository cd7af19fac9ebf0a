#!/usr/bin/env python3
"""Prints line and branch coverage per file and per part from gcovr's JSON
summary (make coverage writes it): coverage.py SUMMARY.json"""
import json
import sys


def pct(hit, total):
    return "%5.1f %%" % (100.0 * hit / total) if total else "    - "


def part(name):
    bits = name.split("/")
    return "/".join(bits[:2]) if bits[0] in ("src", "ui") and len(bits) > 2 \
        else bits[0]


def main(path):
    with open(path, encoding="utf-8") as f:
        files = json.load(f)["files"]
    rows, parts = [], {}
    for fi in sorted(files, key=lambda x: x["filename"]):
        name = fi["filename"]
        nums = (fi["line_covered"], fi["line_total"],
                fi["branch_covered"], fi["branch_total"])
        rows.append((name, nums))
        for key in (part(name), name.split("/")[0] + "/ (all)"):
            acc = parts.setdefault(key, [0, 0, 0, 0])
            for i, n in enumerate(nums):
                acc[i] += n
    print("%-40s %8s %8s" % ("file", "lines", "branches"))
    for name, (lc, lt, bc, bt) in rows:
        print("%-40s %8s %8s" % (name, pct(lc, lt), pct(bc, bt)))
    print()
    for key in sorted(parts):
        lc, lt, bc, bt = parts[key]
        print("%-40s %8s %8s   (%d/%d lines, %d/%d branches)"
              % (key, pct(lc, lt), pct(bc, bt), lc, lt, bc, bt))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
