#!/usr/bin/env python3
"""CPU seconds per minute of a G.711 + SRTP call: our headless phone vs baresip, in the same run.

Each client calls a peer of its own kind through our server on 127.0.0.1 (UDP signalling, PCMU 20 ms, SDES-SRTP
mandatory, media phone to phone): our phone 100 calls our phone 101 (both `--srtp mandatory --play tone.wav`, the
callee `--auto-answer`); baresip 103 calls baresip 102 (`mediaenc=srtp-mand`, callee `answermode=auto`, audio from
the same WAV with aufile, played to /dev/null). CPU = utime+stime from /proc of caller and callee over --seconds
of established call (from our caller's `answered` line / baresip's "Call established"). Runs alternate (ours,
baresip, ours, ...); prints per run and min/median/max, with the ratio of medians.

Needs: baresip (Debian baresip-core), sox, and the jars:
  mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package
Run:  python3 bench/call_cpu_vs_baresip.py [--runs 3 --seconds 60 --build-dir target-bench]
Before/after in the same run: --java-opts "..." (JVM options of our phones), --baseline-build-dir B
[--baseline-java-opts "..."] adds "before" (our phone from build B) to every run: ours, before, baresip, ...
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys

import baresip_conf
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from phone_vs_baresip import wait_line, drain, add_variant_args, variants, java  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 25270
TICK = os.sysconf("SC_CLK_TCK")


def cpu_s(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def stop(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait(10)


def start_server(tmp, jar):
    d = os.path.join(tmp, "server")
    os.makedirs(d)
    ext = "".join(f'  - {{number: "{n}", password: "pw-{n}"}}\n' for n in range(100, 104))
    with open(os.path.join(d, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {PORT}\n  tcp-port: 0\n  tls-port: 0\n"
                f"callback:\n  port: 0\nextensions:\n{ext}")
    p = subprocess.Popen(["java", "-jar", jar, "--data-dir", d], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if wait_line(p, "minisipserver listening", 90) is None:
        sys.exit("server did not start")
    return p


def ours(jar, wav, seconds, opts=()):
    common = [*java(jar, opts), "--headless", "--srtp", "mandatory", "--play", wav]
    callee = subprocess.Popen(common + ["--account", f"sip:101@127.0.0.1:{PORT}", "--password", "pw-101",
                                        "--auto-answer"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    caller = None
    try:
        if wait_line(callee, "registered ", 90) is None:
            raise RuntimeError("our callee did not register")
        caller = subprocess.Popen(common + ["--account", f"sip:100@127.0.0.1:{PORT}", "--password", "pw-100",
                                            "--call", "101", "--duration", str(seconds + 20)],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if wait_line(caller, "answered ", 90) is None:
            raise RuntimeError("our call was not answered")
        return measure(caller, callee, seconds)
    finally:
        for p in (caller, callee):
            if p:
                stop(p)


def baresip_dir(tmp, name, ext, listen, wav, extra):
    return baresip_conf.baresip_dir(tmp, name, ext, listen, wav, PORT,
                                    f"mediaenc=srtp-mand;regint=600;audio_codecs=PCMU{extra}", modules=["srtp.so"])


def baresip(tmp, run, wav, seconds):
    cd = baresip_dir(tmp, f"bs-callee-{run}", 102, 27100 + run * 4, wav, ";answermode=auto")
    rd = baresip_dir(tmp, f"bs-caller-{run}", 103, 27102 + run * 4, wav, "")
    callee = subprocess.Popen(["baresip", "-f", cd, "-t", str(seconds + 120)], stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    caller = None
    try:
        if wait_line(callee, "200 OK", 60) is None:
            raise RuntimeError("baresip callee did not register")
        caller = subprocess.Popen(["baresip", "-f", rd, "-t", str(seconds + 120), "-e", "/dial 102"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if wait_line(caller, "established", 60) is None:
            raise RuntimeError("baresip call was not established")
        return measure(caller, callee, seconds)
    finally:
        for p in (caller, callee):
            if p:
                stop(p)


def measure(caller, callee, seconds):
    c0, e0, t0 = cpu_s(caller.pid), cpu_s(callee.pid), time.monotonic()
    end = t0 + seconds
    while time.monotonic() < end:   # keep the pipes drained so neither side blocks on output
        drain(caller)
        drain(callee)
        if caller.poll() is not None or callee.poll() is not None:
            raise RuntimeError("a client exited during the call")
        time.sleep(0.5)
    c1, e1, t1 = cpu_s(caller.pid), cpu_s(callee.pid), time.monotonic()
    minutes = (t1 - t0) / 60
    return (c1 - c0) / minutes, (e1 - e0) / minutes


def mmm(v):
    return f"{min(v):.2f} / **{statistics.median(v):.2f}** / {max(v):.2f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--build-dir", default="target-bench")
    add_variant_args(ap)
    a = ap.parse_args()
    if not shutil.which("baresip") or not shutil.which("sox"):
        sys.exit("needs baresip (baresip-core) and sox")
    server_jar = os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    phones = {label: (jar, opts) for label, jar, opts in variants(a, ROOT)}
    tmp = tempfile.mkdtemp(prefix="call-cpu-")
    print(f"load average at the start: {open('/proc/loadavg').read().split()[:3]}", flush=True)
    wav = os.path.join(tmp, "tone.wav")
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", wav, "synth", str(a.seconds + 120), "sine",
                    "1000", "vol", "0.5"], check=True)
    srv = start_server(tmp, server_jar)
    res = {name: ([], []) for name in (*phones, "baresip")}
    try:
        for run in range(a.runs):
            for name in res:
                try:
                    caller, callee = (ours(phones[name][0], wav, a.seconds, phones[name][1]) if name in phones
                                      else baresip(tmp, run, wav, a.seconds))
                except RuntimeError as e:
                    print(f"run {run} {name}: {e}", flush=True)
                    continue
                res[name][0].append(caller)
                res[name][1].append(callee)
                print(f"run {run} {name:8s} CPU s per call-minute: caller {caller:.2f}, callee {callee:.2f}",
                      flush=True)
                drain(srv)
    finally:
        stop(srv)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    print("\n| CPU s per minute of G.711+SRTP call | client | min / median / max | vs baresip (medians) |")
    print("|---|---|---|---|")
    for i, side in enumerate(("caller", "callee")):
        b = res["baresip"][i]
        for name in res:
            o = res[name][i]
            if o and b:
                print(f"| {side} | {name} (n={len(o)}) | {mmm(o)} | {statistics.median(o) / statistics.median(b):.1f}× |")


if __name__ == "__main__":
    main()
