#!/usr/bin/env python3
"""Soak: our server under a steady call rate for N minutes; failures, live heap after full GC every minute.

The same SIPp scenarios as bench/server_vs_kamailio.py (a registered SIPp UAS as extension 101,
bench/sipp/uas_rr.xml; a SIPp UAC as extension 100 that answers the 407: INVITE/407/ACK/INVITE/180/200/ACK,
200 ms, BYE/200), our server alone, at --rate calls per second for --minutes, after a warm-up. Every minute:
live heap after a full GC (`jcmd <pid> GC.class_histogram` "Total" bytes; the histogram forces the full GC),
VmRSS, the server's CPU seconds in that minute, the number of CDR rows written so far and, at the end, SIPp's
successful/failed call counts. Meanwhile every 30 s a REGISTER burst refreshes 200 users, so the registration
store works too. Prints one line per minute, then a summary (heap slope in kB per minute, least squares).

Needs `sip-tester` (SIPp) and a build; no root.
  mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench -pl server-app -am package
Run:  python3 bench/soak.py [--minutes 10 --rate 50 --jar server-app/target-bench/minisipserver.jar]
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import server_vs_kamailio as svk  # noqa: E402  (shared helpers: SIPp runner, /proc CPU, ports)
from registrations_memory import live_heap, rss_kb  # noqa: E402


def cdr_rows(data):
    d = os.path.join(data, "cdr")
    if not os.path.isdir(d):
        return 0
    n = 0
    for f in os.listdir(d):
        with open(os.path.join(d, f)) as fh:
            n += max(0, sum(1 for _ in fh) - 1)
    return n


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=int, default=10)
    ap.add_argument("--rate", type=int, default=50, help="calls per second")
    ap.add_argument("--warmup", type=int, default=2000, help="calls before the soak starts (JIT)")
    ap.add_argument("--jar", default=svk.JAR)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench-soak-")
    print(f"work dir {work}; {a.minutes} min at {a.rate} calls/s; load average "
          f"{open('/proc/loadavg').read().split()[:3]}", flush=True)
    svk.write_inputs(work, range(2000, 2200))
    data = os.path.join(work, "ours")
    server = svk.start(["java", "-jar", a.jar, "--data-dir", data], os.path.join(work, "ours.log"), work)
    svk.wait_port(svk.PORTS["ours"]["sip"], server, "our server")
    time.sleep(2)
    svk.start_callee(work, "ours")
    rc, ok, failed, _ = svk.run_calls(work, "warmup", "ours", a.warmup, a.rate)
    print(f"warm-up: {ok} ok, {failed} failed (sipp exit {rc})", flush=True)
    n = a.rate * a.minutes * 60
    result = {}
    stop = threading.Event()

    def calls():
        result["calls"] = svk.run_calls(work, "soak", "ours", n, a.rate)
        stop.set()

    def registers():
        i, regs = 0, []
        while not stop.wait(30):
            i += 1
            regs.append(svk.run_regs(work, f"regs-{i}", "ours", 200, 100))
        result["regs"] = regs

    t0 = time.time()
    cpu0 = svk.cpu_ms(server.pid)
    cdr0 = cdr_rows(data)
    threads = [threading.Thread(target=calls), threading.Thread(target=registers)]
    for t in threads:
        t.start()
    samples = []
    heap, _ = live_heap(server.pid)
    samples.append((0, heap, rss_kb(server.pid)))
    print(f"min  0: live heap {heap / 1e6:6.1f} MB, RSS {samples[0][2] / 1024:.0f} MB", flush=True)
    last_cpu = svk.cpu_ms(server.pid)
    minute = 0
    while not stop.wait(max(0, t0 + (minute + 1) * 60 - time.time())):
        minute += 1
        heap, _ = live_heap(server.pid)
        rss = rss_kb(server.pid)
        cpu = svk.cpu_ms(server.pid)
        samples.append((minute, heap, rss))
        print(f"min {minute:2}: live heap {heap / 1e6:6.1f} MB, RSS {rss / 1024:.0f} MB, server CPU "
              f"{(cpu - last_cpu) / 1000:.1f} s in the minute, CDR rows {cdr_rows(data) - cdr0}", flush=True)
        last_cpu = cpu
    for t in threads:
        t.join()
    wall = time.time() - t0
    cpu = (svk.cpu_ms(server.pid) - cpu0) / 1000
    time.sleep(3)
    heap, _ = live_heap(server.pid)
    samples.append((wall / 60, heap, rss_kb(server.pid)))
    rc, ok, failed, rtts = result["calls"]
    regs = result.get("regs", [])
    xs, ys = [s[0] for s in samples[1:]], [s[1] for s in samples[1:]]
    slope = statistics.linear_regression(xs, ys).slope if len(xs) > 1 else float("nan")
    print(f"\n=== soak {wall / 60:.1f} min: calls {ok} ok, {failed} failed of {n} (sipp exit {rc}); "
          f"REGISTER bursts {len(regs)}: {sum(r[1] or 0 for r in regs)} ok, {sum(r[2] or 0 for r in regs)} failed; "
          f"CDR rows {cdr_rows(data) - cdr0}")
    print(f"server CPU {cpu:.0f} s = {cpu / max(ok, 1) * 1000:.2f} ms per call (incl. the REGISTER bursts)")
    print(f"live heap after full GC: start {samples[0][1] / 1e6:.1f} MB, min {min(ys) / 1e6:.1f} / "
          f"median {statistics.median(ys) / 1e6:.1f} / max {max(ys) / 1e6:.1f} MB over the minutes, end "
          f"{heap / 1e6:.1f} MB; slope {slope / 1e3:.1f} kB per minute")
    print(f"RSS: start {samples[0][2] / 1024:.0f} MB, end {samples[-1][2] / 1024:.0f} MB")
    rtd = rtts.get("rtd1", [])
    if rtd:
        print(f"first INVITE -> 200 (SIPp rtd, 4 ms ticks): p50 {svk.pct(rtd, 50):.0f} ms, p99 {svk.pct(rtd, 99):.0f} "
              f"ms, max {max(rtd):.0f} ms (n={len(rtd)})")
    print(f"load average at the end {open('/proc/loadavg').read().split()[:3]}")
    svk.cleanup()
    if a.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
