#!/usr/bin/env python3
"""Summarises a JFR recording: hottest methods by CPU samples (self and inclusive) and by allocation samples.

  python3 bench/jfr_hot.py FILE.jfr [--top 25] [--filter org.minisip]

Reads `jfr print --json --events jdk.ExecutionSample` and `jdk.ObjectAllocationSample` (the JDK's `jfr` tool).
"Self" counts the top frame of each sample; "inclusive" counts each method once per sample anywhere on the
stack (so a frame with 40 % inclusive is on the stack of 40 % of the samples). Allocation samples are
weighted by their `weight` (bytes the sample stands for). With --filter, an extra table lists the first
frame of each sample whose class starts with that prefix ("where our code is when the CPU is spent").
"""
import argparse
import collections
import json
import subprocess
import sys


def events(path, name):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", name, path],
                         capture_output=True, text=True, check=True).stdout
    return json.loads(out)["recording"]["events"]


def frame_name(f):
    m = f["method"]
    return f'{m["type"]["name"].replace("/", ".")}.{m["name"]}'


def table(title, counter, total, top, unit="samples"):
    print(f"\n== {title} (total {total} {unit}) ==")
    for name, n in counter.most_common(top):
        print(f"{100.0 * n / total:6.1f} %  {name}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("file")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--filter", default="org.minisip")
    ap.add_argument("--thread", help="only samples of threads whose name starts with this")
    a = ap.parse_args()
    cpu = events(a.file, "jdk.ExecutionSample")
    if not cpu:
        sys.exit("no jdk.ExecutionSample events (record with settings=profile)")
    self_c, incl_c, ours_c, thread_c = (collections.Counter() for _ in range(4))
    for e in cpu:
        frames = [frame_name(f) for f in (e["values"].get("stackTrace") or {}).get("frames", [])]
        if not frames:
            continue
        t = e["values"].get("sampledThread") or {}
        tname = t.get("javaName") or t.get("osName") or "?"
        if a.thread and not tname.startswith(a.thread):
            continue
        self_c[frames[0]] += 1
        for name in set(frames):
            incl_c[name] += 1
        ours = next((f for f in frames if f.startswith(a.filter)), "(no " + a.filter + " frame)")
        ours_c[ours] += 1
        thread_c[tname.rstrip("0123456789-")] += 1
    n = sum(thread_c.values())
    table("CPU self (top frame)", self_c, n, a.top)
    table("CPU inclusive", incl_c, n, a.top)
    table(f"CPU by first {a.filter} frame", ours_c, n, a.top)
    table("CPU by thread (name without trailing digits)", thread_c, n, 10)
    alloc = events(a.file, "jdk.ObjectAllocationSample")
    if alloc:
        by_type, by_site = collections.Counter(), collections.Counter()
        total = 0
        for e in alloc:
            w = int(e["values"].get("weight", 0))
            total += w
            by_type[e["values"]["objectClass"]["name"]] += w
            frames = [frame_name(f) for f in (e["values"].get("stackTrace") or {}).get("frames", [])]
            site = next((f for f in frames if f.startswith(a.filter)), frames[0] if frames else "?")
            by_site[site] += w
        table("allocation by class (bytes)", by_type, total, a.top, "bytes")
        table(f"allocation by first {a.filter} frame (bytes)", by_site, total, a.top, "bytes")


if __name__ == "__main__":
    main()
