#!/usr/bin/env python3
"""RSS of softphones idle after registering, in the same run: our headless phone, our desktop phone under Xvfb and
baresip. (linphonec 4.4 from linphone-cli was tried: its account, given with `register` on the console or as a
[proxy_0] section of its rc file, never sent a REGISTER in this container, so it is not measured.)

One server (our jar, 127.0.0.1, UDP, extensions 100-102). Per run, one client at a time: start it, wait until the
server logs its registration ("<ext> registered"), stay idle --idle seconds, read VmRSS from /proc (for the JVMs
also the heap used after a full GC, `jcmd GC.heap_info` after `GC.run`), stop it. Runs go round the three clients.

  ours headless  java -jar minisipphone.jar --headless --register-only (ext 100)
  ours desktop   java -jar minisipphone.jar --data-dir D (account 101 preset in settings.json) on a fresh Xvfb
  baresip        baresip 1.0.0 (baresip-core), file audio, G.711 only (ext 102)

Needs: Xvfb (xvfb), baresip (baresip-core), the JDK's jcmd, and the jars:
  mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package
Run:  python3 bench/idle_rss.py [--runs 3 --idle 20 --build-dir target-bench]
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1)) / 1024


def heap_mib(pid):
    subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) / 1024 if m else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--idle", type=int, default=20)
    ap.add_argument("--build-dir", default="target-bench")
    a = ap.parse_args()
    server_jar = os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    phone_jar = os.path.join(ROOT, "phone-app", a.build_dir, "minisipphone.jar")
    tmp = tempfile.mkdtemp(prefix="idle-rss-")
    port = free_port()
    srv_dir = os.path.join(tmp, "server")
    os.makedirs(srv_dir)
    with open(os.path.join(srv_dir, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {port}\n  tcp-port: {port}\n  tls-port: 0\n"
                "callback:\n  port: 0\nextensions:\n"
                + "".join(f'  - {{number: "{n}", password: "pw-{n}"}}\n' for n in range(100, 103)))
    log = os.path.join(srv_dir, "server.log")
    server = subprocess.Popen(["java", "-jar", server_jar, "--data-dir", srv_dir], stdout=open(log, "w"),
                              stderr=subprocess.STDOUT)
    print(f"load average at the start: {open('/proc/loadavg').read().split()[:3]}", flush=True)

    def headless(run):
        return subprocess.Popen(["java", "-jar", phone_jar, "--headless", "--account", f"sip:100@127.0.0.1:{port}",
                                 "--password", "pw-100", "--register-only"], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL), []

    def desktop(run):
        data = os.path.join(tmp, f"desktop-{run}")
        os.makedirs(data)
        with open(os.path.join(data, "settings.json"), "w") as f:
            json.dump({"account": {"server": "127.0.0.1", "port": port, "transport": "udp", "user": "101",
                                   "password": "pw-101"}, "language": "en", "theme": "light"}, f)
        xvfb, display = start_xvfb()
        p = subprocess.Popen(["java", "-jar", phone_jar, "--data-dir", data], env={**os.environ, "DISPLAY": display},
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return p, [xvfb]

    def baresip(run):
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

    clients = [("ours headless", "100", headless), ("ours desktop (Xvfb)", "101", desktop),
               ("baresip", "102", baresip)]
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
                    h = heap_mib(p.pid) if name.startswith("ours") else None
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
    print(f"\n| client | RSS after {a.idle} s idle, registered, MiB (min / median / max) | vs baresip |")
    print("|---|---|---|")
    for name, v in res.items():
        if v:
            m = statistics.median(v)
            print(f"| {name} (n={len(v)}) | {min(v):.1f} / **{m:.1f}** / {max(v):.1f} | "
                  f"{m / base:.1f}× |" if base else "")


if __name__ == "__main__":
    main()
