#!/usr/bin/env python3
"""Our headless phone vs baresip, same run, same server: start-to-registered time and idle RSS after registering.

Needs: baresip (Debian baresip-core) and the jars (mvn -B -q -DskipTests -Dminisip.buildDir=target-bench package).
    python3 bench/phone_vs_baresip.py --runs 5 --idle 20 [--build-dir target-bench]

Everything is on 127.0.0.1: our server from its jar (temp data dir, UDP port 25260, extensions 100-104 with known
passwords). Runs alternate (ours, baresip, ours, ...). "Registered" is the first line of the client's output that
shows the 200 to REGISTER: our phone prints `registered ...`; baresip prints `... 200 OK ...` for its REGISTER. Time
is measured from just before the process is spawned; the process's CPU time (utime+stime from /proc) when that line
is seen is printed too, as it depends much less on the machine's load. RSS is VmRSS from /proc after --idle seconds
registered.

Before/after in the same run: --java-opts "..." are JVM options for our phone (e.g. the launchers' options, see
installers/src/deb/build-deb.sh); --baseline-build-dir B [--baseline-java-opts "..."] adds a second build of our
phone ("before") to every run, so the three (ours, before, baresip) alternate under the same load.
"""
import argparse
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 25260


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def wait_line(proc, needle, timeout):
    """Reads proc's merged output until a line contains needle; returns the time it was seen, or None."""
    end = time.monotonic() + timeout
    os.set_blocking(proc.stdout.fileno(), False)
    buf = b""
    while time.monotonic() < end:
        chunk = proc.stdout.read()
        if chunk:
            buf += chunk
            if needle.encode() in buf:
                return time.monotonic()
        elif proc.poll() is not None:
            return None
        time.sleep(0.005)
    return None


def drain(proc):
    try:
        proc.stdout.read()
    except (OSError, ValueError):
        pass


def start_server(tmp, server_jar):
    data = os.path.join(tmp, "server")
    os.makedirs(data)
    ext = "".join(f'  - {{number: "{n}", password: "pw-{n}"}}\n' for n in range(100, 105))
    with open(os.path.join(data, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {PORT}\n  tcp-port: 0\n  tls-port: 0\n"
                f"callback:\n  port: 0\nextensions:\n{ext}")
    srv = subprocess.Popen(["java", "-jar", server_jar, "--data-dir", data], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
    if wait_line(srv, "minisipserver listening", 60) is None:
        sys.exit("server did not start")
    return srv


def add_variant_args(ap):
    """--java-opts / --baseline-build-dir / --baseline-java-opts, shared by the phone benchmarks."""
    ap.add_argument("--java-opts", default="", help="JVM options for our phone (the 'after' build)")
    ap.add_argument("--baseline-build-dir", help="also run our phone from this build dir ('before'), same run")
    ap.add_argument("--baseline-java-opts", default="", help="JVM options for the baseline phone")


def variants(a, root):
    """[(label, phone jar, [jvm options])]: ours (after) and, with --baseline-build-dir, before."""
    out = [("ours", os.path.join(root, "phone-app", a.build_dir, "minisipphone.jar"), shlex.split(a.java_opts))]
    if a.baseline_build_dir:
        out.append(("before", os.path.join(root, "phone-app", a.baseline_build_dir, "minisipphone.jar"),
                    shlex.split(a.baseline_java_opts)))
    for _, jar, _ in out:
        if not os.path.isfile(jar):
            sys.exit(f"{jar} missing: mvn -B -q -DskipTests -Dminisip.buildDir=... package")
    return out


def java(jar, opts):
    return ["java", *opts, "-jar", jar]


def ours(phone_jar, ext, tmp, opts=()):
    t0 = time.monotonic()
    p = subprocess.Popen([*java(phone_jar, opts), "--headless", "--account", f"sip:{ext}@127.0.0.1:{PORT}",
                          "--password", f"pw-{ext}", "--register-only"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return p, t0, "registered "


def baresip(ext, tmp, n):
    d = os.path.join(tmp, f"baresip-{n}")
    os.makedirs(d)
    with open(os.path.join(d, "config"), "w") as f:
        f.write("\n".join([
            "poll_method epoll", f"sip_listen 127.0.0.1:{27000 + n * 2}", "sip_trans_def udp",
            "audio_source aufile,/dev/null", "audio_player aufile,/dev/null", "audio_alert aufile,/dev/null",
            "module_path /usr/lib/baresip/modules", "module stdio.so", "module g711.so", "module aufile.so",
            "module_app account.so", "module_app menu.so", ""]))
    with open(os.path.join(d, "accounts"), "w") as f:
        f.write(f"<sip:{ext}@127.0.0.1:{PORT}>;auth_pass=pw-{ext};regint=600\n")
    open(os.path.join(d, "contacts"), "w").close()
    t0 = time.monotonic()
    p = subprocess.Popen(["baresip", "-f", d, "-t", "600"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL)
    return p, t0, "200 OK"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=int, default=20, help="seconds registered before reading RSS")
    ap.add_argument("--build-dir", default="target-bench")
    add_variant_args(ap)
    a = ap.parse_args()
    if not shutil.which("baresip"):
        sys.exit("baresip missing: apt-get install baresip-core")
    server_jar = os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    if not os.path.isfile(server_jar):
        sys.exit(f"{server_jar} missing: mvn -B -q -DskipTests -Dminisip.buildDir={a.build_dir} package")
    phones = {label: (jar, opts) for label, jar, opts in variants(a, ROOT)}
    tmp = tempfile.mkdtemp(prefix="phone-vs-baresip-")
    srv = start_server(tmp, server_jar)
    print(f"load average at the start: {open('/proc/loadavg').read().split()[:3]}", flush=True)
    results = {name: {"ms": [], "cpu": [], "rss": []} for name in (*phones, "baresip")}
    try:
        for i in range(a.runs):
            for name in results:
                if name in phones:
                    p, t0, needle = ours(phones[name][0], 100 + (i % 2), os.path.join(tmp, f"ours-{i}"),
                                         phones[name][1])
                else:
                    p, t0, needle = baresip(102 + (i % 2), tmp, i)
                t = wait_line(p, needle, 60)
                cpu = cpu_ms(p.pid) if t is not None else None
                try:
                    if t is None:
                        print(f"{name} run {i}: not registered within 60 s", file=sys.stderr)
                        continue
                    ms = (t - t0) * 1000
                    time.sleep(a.idle)
                    drain(p)
                    rss = rss_kib(p.pid)
                    results[name]["ms"].append(ms)
                    results[name]["rss"].append(rss)
                    results[name]["cpu"].append(cpu)
                    print(f"run {i} {name:8s} start->registered {ms:8.0f} ms (CPU {cpu:6.0f} ms)   RSS after {a.idle}s "
                          f"idle {rss / 1024:7.1f} MiB", flush=True)
                finally:
                    p.terminate()
                    try:
                        p.wait(10)
                    except subprocess.TimeoutExpired:
                        p.kill()
    finally:
        srv.terminate()
        srv.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    print()
    print("| figure | client | min / median / max | vs baresip (medians) |")
    print("|---|---|---|---|")
    for key, label, scale, unit in (("ms", "start → registered", 1, "ms"),
                                    ("cpu", "CPU time until registered", 1, "ms"), ("rss", f"RSS after {a.idle} s idle, registered", 1 / 1024, "MiB")):
        b = [v * scale for v in results["baresip"][key]]
        for name in results:
            o = [v * scale for v in results[name][key]]
            if not o or not b:
                continue
            mo, mb = statistics.median(o), statistics.median(b)
            ratio = f"{mo / mb:.1f}×" if mb > 0 else "– (baresip below one clock tick)"
            print(f"| {label} | {name} (n={len(o)}) | {min(o):.1f} / **{mo:.1f}** / {max(o):.1f} {unit} | {ratio} |")


if __name__ == "__main__":
    main()
