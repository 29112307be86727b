#!/usr/bin/env python3
"""Desktop phone figures under Xvfb: start-to-visible-window time, window size at 100 % and 200 %, and heap + RSS
after a minute idle and registered.

Needs: Xvfb and xwininfo (Debian: xvfb x11-utils), the JDK's jcmd, and the jars:
    mvn -B -q -DskipTests -Dminisip.buildDir=target-bench package
    python3 bench/desktop_ui.py --runs 5 --idle 60

Everything is on 127.0.0.1: our server (from its jar, a temp data dir, a free UDP/TCP port, no TLS) and the desktop phone
(from its jar, with a temp data dir holding an account for extension 100). Each run gets a fresh Xvfb and a fresh
JVM. "Visible" is the moment xwininfo first reports the main window ("minisip phone") as IsViewable, polled every
10 ms, measured from just before the JVM is spawned: JVM start, FlatLaf, settings, window layout and mapping.
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

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TITLE = "minisip phone"


def jar(module, name, build_dir):
    p = os.path.join(ROOT, module, build_dir, name)
    if not os.path.isfile(p):
        sys.exit(f"{p} missing: build with mvn -B -q -DskipTests -Dminisip.buildDir={build_dir} package")
    return p


def free_port():
    import socket
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as u, socket.socket() as t:
            u.bind(("127.0.0.1", 0))
            port = u.getsockname()[1]
            try:
                t.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


def start_xvfb():
    r, w = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "2560x1600x24", "-nolisten", "tcp"],
                            pass_fds=(w,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(w)
    with os.fdopen(r) as f:
        display = ":" + f.readline().strip()
    return xvfb, display


def window_info(display):
    out = subprocess.run(["xwininfo", "-name", TITLE], env={**os.environ, "DISPLAY": display},
                         capture_output=True, text=True).stdout
    if "IsViewable" not in out:
        return None
    w = int(re.search(r"Width: (\d+)", out).group(1))
    h = int(re.search(r"Height: (\d+)", out).group(1))
    return w, h


def stop(p):
    if p.poll() is None:
        p.terminate()
        try:
            p.wait(10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


def one_run(phone_jar, data, scale, timeout=180):
    xvfb, display = start_xvfb()
    try:
        args = ["java"]
        if scale != 1:
            args.append(f"-Dsun.java2d.uiScale={scale}")
        args += ["-jar", phone_jar, "--data-dir", data]
        t0 = time.monotonic()
        phone = subprocess.Popen(args, env={**os.environ, "DISPLAY": display}, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        size = None
        while time.monotonic() - t0 < timeout:
            size = window_info(display)
            if size:
                break
            time.sleep(0.01)
        elapsed = time.monotonic() - t0
        cpu = cpu_seconds(phone.pid)
        if not size:
            stop(phone)
            sys.exit("main window never became visible")
        return phone, xvfb, elapsed, size, cpu
    except BaseException:
        stop(xvfb)
        raise


def cpu_seconds(pid):
    """utime + stime of the JVM so far: the start-up cost, independent of how busy the shared machine is."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def heap_used_kib(pid):
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True).stdout
    m = re.search(r"total (\d+)K, used (\d+)K", out)
    return (int(m.group(2)), int(m.group(1))) if m else (-1, -1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--idle", type=int, default=60, help="seconds idle and registered before heap/RSS")
    ap.add_argument("--build-dir", default="target-bench")
    a = ap.parse_args()
    server_jar = jar("server-app", "minisipserver.jar", a.build_dir)
    phone_jar = jar("phone-app", "minisipphone.jar", a.build_dir)
    tmp = tempfile.mkdtemp(prefix="desktop-bench-")
    srv_dir, data = os.path.join(tmp, "server"), os.path.join(tmp, "phone")
    os.makedirs(srv_dir)
    os.makedirs(data)
    port = free_port()
    with open(os.path.join(srv_dir, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {port}\n  tcp-port: {port}\n  tls-port: 0\n"
                "extensions:\n  - {number: \"100\", password: \"pw-100\"}\n")
    with open(os.path.join(data, "settings.json"), "w") as f:
        json.dump({"account": {"server": "127.0.0.1", "port": port, "transport": "udp", "user": "100",
                               "password": "pw-100"}, "language": "en", "theme": "light"}, f)
    srv_log = open(os.path.join(srv_dir, "server.log"), "w")
    server = subprocess.Popen(["java", "-jar", server_jar, "--data-dir", srv_dir], stdout=srv_log,
                              stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while "listening" not in open(srv_log.name).read():
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("server did not start:\n" + open(srv_log.name).read())
            time.sleep(0.1)
        times, cpus, sizes = [], [], {}
        for scale in (1, 2):
            for i in range(a.runs if scale == 1 else 1):
                phone, xvfb, elapsed, size, cpu = one_run(phone_jar, data, scale)
                stop(phone)
                stop(xvfb)
                sizes[scale] = size
                if scale == 1:
                    times.append(elapsed * 1000)
                    cpus.append(cpu * 1000)
                    print(f"run {i + 1}: visible after {elapsed * 1000:.0f} ms (JVM CPU {cpu * 1000:.0f} ms),"
                          f" window {size[0]}x{size[1]}")
        print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
        print(f"start-to-visible (n={len(times)}): min {min(times):.0f} ms, median {statistics.median(times):.0f} ms,"
              f" max {max(times):.0f} ms; JVM CPU time until then: median {statistics.median(cpus):.0f} ms")
        print(f"window size: 100 % {sizes[1][0]}x{sizes[1][1]} px, 200 % {sizes[2][0]}x{sizes[2][1]} px (device)")
        registrations = open(srv_log.name).read().count("100 registered")
        phone, xvfb, _, _, _ = one_run(phone_jar, data, 1)
        try:
            deadline = time.monotonic() + 30
            while open(srv_log.name).read().count("100 registered") <= registrations:
                if time.monotonic() > deadline:
                    sys.exit("the desktop phone did not register")
                time.sleep(0.1)
            time.sleep(a.idle)
            used, committed = heap_used_kib(phone.pid)
            rss = rss_kib(phone.pid)
            print(f"after {a.idle} s idle and registered: heap used {used / 1024:.1f} MiB"
                  f" (committed {committed / 1024:.1f} MiB), RSS {rss / 1024:.1f} MiB")
        finally:
            stop(phone)
            stop(xvfb)
    finally:
        stop(server)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
