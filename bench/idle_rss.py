#!/usr/bin/env python3
"""RSS of softphones idle after registering, in the same run: our headless phone, our desktop phone under Xvfb,
baresip and linphonec.

One server (our jar, 127.0.0.1, UDP, extensions 100-102). Per run, one client at a time: start it, wait until the
server logs its registration ("<ext> registered"), stay idle --idle seconds, read VmRSS from /proc (for the JVMs
also the heap used after a full GC, `jcmd GC.heap_info` after `GC.run`), stop it. Runs go round the three clients.

  ours headless  java -jar minisipphone.jar --headless --register-only (ext 100)
  ours desktop   java -jar minisipphone.jar --data-dir D (account 101 preset in settings.json) on a fresh Xvfb
  baresip        baresip 1.0.0 (baresip-core), file audio, G.711 only (ext 102)
  linphonec      linphonec 5.1 (linphone-cli) in pipe mode, `linphonec --pipe -c RC` (RC sets only its SIP port, no
                 TCP/TLS), account added with `linphonecsh register --host … --username 103 --password …` (ext 103).
                 An account given as a [proxy_0] section of RC, or by `register` on linphonec's console, never
                 sent a REGISTER here ("No listening point matching for [udp://…]": the proxy was tried before the
                 transports were up); --no-linphonec skips it

Needs: Xvfb (xvfb), baresip (baresip-core), linphonec (linphone-cli), the JDK's jcmd, and the jars:
  mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package
Run:  python3 bench/idle_rss.py [--runs 3 --idle 20 --build-dir target-bench]
Before/after in the same run: --java-opts "..." (JVM options of our phones), --baseline-build-dir B
[--baseline-java-opts "..."] adds our headless and desktop phones from build B ("before") to every run.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from desktop_ui import start_xvfb, stop, free_port  # noqa: E402
from phone_vs_baresip import add_variant_args, variants, java  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def heap_mib(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"garbage-first heap\s+total \d+K, used (\d+)K", out)   # G1: one line for the heap
    if m:
        return int(m.group(1)) / 1024
    gens = re.findall(r"generation\s+total \d+K, used (\d+)K", out)   # Serial/Parallel: young + old
    return sum(int(g) for g in gens) / 1024 if gens else float("nan")


class LinphonecExit:
    """Stands in for a process in stop(): asks the linphonec daemon to quit through linphonecsh."""
    def poll(self):
        return None

    def terminate(self):
        subprocess.run(["linphonecsh", "exit"], capture_output=True, timeout=10)

    def wait(self, timeout=None):
        return 0

    def kill(self):
        pass


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--idle", type=int, default=20)
    ap.add_argument("--build-dir", default="target-bench")
    ap.add_argument("--no-linphonec", action="store_true", help="leave linphonec out")
    add_variant_args(ap)
    a = ap.parse_args()
    server_jar = os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    phones = variants(a, ROOT)
    tmp = tempfile.mkdtemp(prefix="idle-rss-")
    port = free_port()
    srv_dir = os.path.join(tmp, "server")
    os.makedirs(srv_dir)
    with open(os.path.join(srv_dir, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {port}\n  tcp-port: {port}\n  tls-port: 0\n"
                "callback:\n  port: 0\nextensions:\n"
                + "".join(f'  - {{number: "{n}", password: "pw-{n}"}}\n' for n in range(100, 104)))
    log = os.path.join(srv_dir, "server.log")
    server = subprocess.Popen(["java", "-jar", server_jar, "--data-dir", srv_dir], stdout=open(log, "w"),
                              stderr=subprocess.STDOUT)
    print(f"load average at the start: {open('/proc/loadavg').read().split()[:3]}", flush=True)

    def headless(run, jar, opts):
        return subprocess.Popen([*java(jar, opts), "--headless", "--account", f"sip:100@127.0.0.1:{port}",
                                 "--password", "pw-100", "--register-only"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL), []

    def desktop(run, jar, opts):
        data = os.path.join(tmp, f"desktop-{run}-{len(os.listdir(tmp))}")
        os.makedirs(data)
        with open(os.path.join(data, "settings.json"), "w") as f:
            json.dump({"account": {"server": "127.0.0.1", "port": port, "transport": "udp", "user": "101",
                                   "password": "pw-101"}, "language": "en", "theme": "light"}, f)
        xvfb, display = start_xvfb()
        p = subprocess.Popen([*java(jar, opts), "--data-dir", data], env={**os.environ, "DISPLAY": display},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return p, [xvfb]

    def baresip(run, jar=None, opts=None):
        d = os.path.join(tmp, f"baresip-{run}")
        os.makedirs(d)
        with open(os.path.join(d, "config"), "w") as f:
            f.write("\n".join(["poll_method epoll", f"sip_listen 127.0.0.1:{free_port()}", "sip_trans_def udp",
                               "audio_source aufile,/dev/null", "audio_player aufile,/dev/null",
                               "audio_alert aufile,/dev/null", "module_path /usr/lib/baresip/modules",
                               "module stdio.so", "module g711.so", "module aufile.so", "module_app account.so",
                               "module_app menu.so", ""]))
        with open(os.path.join(d, "accounts"), "w") as f:
            f.write(f"<sip:102@127.0.0.1:{port}>;auth_pass=pw-102;regint=600\n")
        open(os.path.join(d, "contacts"), "w").close()
        return subprocess.Popen(["baresip", "-f", d], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                stdin=subprocess.PIPE), []

    def linphonec(run, jar=None, opts=None):
        d = os.path.join(tmp, f"linphonec-{run}")
        os.makedirs(d)
        rc = os.path.join(d, "rc")
        with open(rc, "w") as f:
            f.write(f"[sip]\nsip_port={free_port()}\nsip_tcp_port=0\nsip_tls_port=0\n")
        p = subprocess.Popen(["linphonec", "--pipe", "-c", "/dev/null", "-c", rc], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, cwd=d)
        for _ in range(50):   # its control socket (/tmp/linphonec-<uid>) comes up after the core started
            r = subprocess.run(["linphonecsh", "register", "--host", f"127.0.0.1:{port}", "--username", "103",
                                "--password", "pw-103"], capture_output=True, text=True, timeout=10)
            if r.returncode == 0:
                break
            time.sleep(0.2)
        return p, [LinphonecExit()]

    clients = []
    for label, jar, opts in phones:
        clients += [(f"{label} headless", "100", lambda r, j=jar, o=opts: headless(r, j, o)),
                    (f"{label} desktop (Xvfb)", "101", lambda r, j=jar, o=opts: desktop(r, j, o))]
    clients.append(("baresip", "102", baresip))
    if not a.no_linphonec:
        clients.append(("linphonec", "103", linphonec))
    res = {name: [] for name, _, _ in clients}
    heaps = {name: [] for name, _, _ in clients}
    try:
        end = time.time() + 90
        while "listening" not in open(log).read():
            if time.time() > end:
                sys.exit("server did not start")
            time.sleep(0.2)
        for run in range(a.runs):
            for name, ext, fn in clients:
                before = open(log).read().count(f"{ext} registered")
                p, extra = fn(run)
                try:
                    end = time.time() + 120
                    while open(log).read().count(f"{ext} registered") <= before:
                        if time.time() > end or p.poll() is not None:
                            raise RuntimeError("did not register")
                        time.sleep(0.1)
                    time.sleep(a.idle)
                    rss = rss_mib(p.pid)
                    res[name].append(rss)
                    h = heap_mib(p.pid) if name not in ("baresip", "linphonec") else None
                    if h is not None:
                        heaps[name].append(h)
                    print(f"run {run} {name:20s} RSS after {a.idle} s idle, registered: {rss:6.1f} MiB"
                          + (f" (heap used after GC {h:.1f} MiB)" if h is not None else ""), flush=True)
                except RuntimeError as e:
                    print(f"run {run} {name}: {e}", flush=True)
                finally:
                    stop(p)
                    for x in extra:
                        stop(x)
    finally:
        stop(server)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    base = statistics.median(res["baresip"]) if res.get("baresip") else None
    print(f"\n| client | RSS after {a.idle} s idle, registered, MiB (min / median / max) | vs baresip | heap used after GC, MiB |")
    print("|---|---|---|---|")
    for name, v in res.items():
        if v:
            m = statistics.median(v)
            h = heaps.get(name)
            print(f"| {name} (n={len(v)}) | {min(v):.1f} / **{m:.1f}** / {max(v):.1f} | "
                  + (f"{m / base:.1f}× |" if base else " |")
                  + (f" {min(h):.1f}–{max(h):.1f} |" if h else " – |"))


if __name__ == "__main__":
    main()
