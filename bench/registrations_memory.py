#!/usr/bin/env python3
"""Server memory with many registered contacts: live heap after a full GC and RSS, with 0 and N registrations.

For each N (default 10000 and 100000): writes a server.yaml with N extensions (numbers 100000.. , password
"pw<number>"), starts our server (the jar, a fresh data dir), takes the live heap after a full GC (the "Total"
line of `jcmd <pid> GC.class_histogram`, which forces the full GC) and VmRSS from /proc, registers all N users
with SIPp (bench/sipp/register_user.xml: REGISTER, 401, REGISTER with digest, 200; distinct Contact per user;
Expires 3600), waits 40 s (the REGISTER transactions linger for Timer J, 32 s), then takes the same figures again. Bytes per registration = live-heap difference / N. Also prints
the largest classes of the histogram after registering, the size of the registration store on disk, the time to
start with N extensions, and the time to restart with N registrations restored (to the "listening" line).

Needs `sip-tester` (SIPp), a JDK with jcmd, and a build:
  mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench -pl server-app -am package
Run:  python3 bench/registrations_memory.py [--counts 10000 100000 --rate 500 --jar server-app/target-bench/minisipserver.jar]
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
IP = "127.0.0.1"
SIP_PORT = 5180
SIPP_PORT = 5181
procs = []


def cleanup():
    for p in procs:
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=15)
            except subprocess.TimeoutExpired:
                p.kill()
    procs.clear()


def write_config(d, n):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: {IP}\n  udp-port: {SIP_PORT}\n  tcp-port: 0\n  tls-port: 0\n"
                "registrar:\n  min-expires: 60\n  max-expires: 3600\n  default-expires: 3600\n"
                "auth:\n  algorithms: [MD5]\n"
                f"security:\n  whitelist: [{IP}]\n"   # SIPp sends hundreds of requests/s from one address
                "callback:\n  port: 5179\n"
                "extensions:\n")
        for u in range(100000, 100000 + n):
            f.write(f'  - number: "{u}"\n    password: "pw{u}"\n')


def start_server(jar, d, log):
    t0 = time.time()
    p = subprocess.Popen(["java", "-jar", jar, "--data-dir", d], stdout=open(log, "w"), stderr=subprocess.STDOUT,
                         stdin=subprocess.DEVNULL)
    procs.append(p)
    while time.time() - t0 < 600:
        if p.poll() is not None:
            sys.exit(f"server exited {p.returncode}, see {log}")
        with open(log) as f:
            if re.search(r"listening|started", f.read(), re.I) and udp_listening(SIP_PORT):
                return p, time.time() - t0
        time.sleep(0.1)
    sys.exit("server did not start in 600 s")


def udp_listening(port):
    want = "0100007F:%04X" % port
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            if any(want in line.split()[1] for line in list(f)[1:]):
                return True
    return False


def live_heap(pid):
    """Live bytes after a full GC (GC.class_histogram forces one) and the top classes."""
    out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True,
                         timeout=300).stdout
    total = int(re.search(r"^Total\s+\d+\s+(\d+)", out, re.M).group(1))
    top = [line for line in out.splitlines() if re.match(r"\s*\d+:", line)][:12]
    return total, top


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def register_all(work, n, rate):
    d = os.path.join(work, f"sipp-{n}")
    os.makedirs(d)
    shutil.copy(os.path.join(ROOT, "bench", "sipp", "register_user.xml"), d)
    with open(os.path.join(d, "users.csv"), "w") as f:
        f.write("SEQUENTIAL\n")
        for u in range(100000, 100000 + n):
            f.write(f"{u};pw{u};[authentication username={u} password=pw{u}]\n")
    t0 = time.time()
    rc = subprocess.run(["sipp", f"{IP}:{SIP_PORT}", "-i", IP, "-p", str(SIPP_PORT), "-sf", "register_user.xml",
                         "-inf", "users.csv", "-r", str(rate), "-m", str(n), "-l", str(rate * 5), "-nostdin",
                         "-trace_stat", "-stf", "stat.csv", "-fd", "5", "-trace_err", "-recv_timeout", "20000"],
                        cwd=d, stdout=open(os.path.join(d, "sipp.log"), "w"), stderr=subprocess.STDOUT,
                        timeout=n / rate + 600).returncode
    secs = time.time() - t0
    with open(os.path.join(d, "stat.csv")) as f:
        rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
    ok = int(rows[-1][rows[0].index("SuccessfulCall(C)")])
    failed = int(rows[-1][rows[0].index("FailedCall(C)")])
    return rc, ok, failed, secs


def store_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d) if f.startswith("registrations."))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--counts", type=int, nargs="+", default=[10000, 100000])
    ap.add_argument("--rate", type=int, default=500, help="registrations per second")
    ap.add_argument("--jar", default=os.path.join(ROOT, "server-app", "target-bench", "minisipserver.jar"))
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="bench-regmem-")
    print(f"work dir {work}; load average {open('/proc/loadavg').read().split()[:3]}", flush=True)
    try:
        for n in a.counts:
            d = os.path.join(work, f"data-{n}")
            write_config(d, n)
            p, start_s = start_server(a.jar, d, os.path.join(work, f"server-{n}.log"))
            time.sleep(3)
            heap0, _ = live_heap(p.pid)
            rss0 = rss_kb(p.pid)
            rc, ok, failed, secs = register_all(work, n, a.rate)
            # server transactions of the REGISTERs linger for Timer J (32 s on UDP): measure after they are gone
            time.sleep(40)
            heap1, top = live_heap(p.pid)
            rss1 = rss_kb(p.pid)
            print(f"\n== {n} extensions: server start {start_s:.1f} s; registered {ok} ok, {failed} failed "
                  f"(sipp exit {rc}) in {secs:.0f} s = {ok / secs:.0f}/s", flush=True)
            print(f"live heap after full GC: {heap0 / 1e6:.1f} MB before, {heap1 / 1e6:.1f} MB with {ok} "
                  f"registrations -> {(heap1 - heap0) / max(ok, 1):.0f} bytes per registration")
            print(f"RSS: {rss0 / 1024:.0f} MB before, {rss1 / 1024:.0f} MB after")
            print(f"registration store on disk: {store_bytes(d) / 1e6:.1f} MB")
            print("largest classes after registering (jcmd GC.class_histogram):")
            print("\n".join(top))
            cleanup()
            p, restart_s = start_server(a.jar, d, os.path.join(work, f"server-{n}-restart.log"))
            restored = re.search(r"(\d+) registration\(s\) restored",
                                 open(os.path.join(work, f"server-{n}-restart.log")).read())
            time.sleep(3)
            heap2, _ = live_heap(p.pid)
            print(f"restart with {restored.group(1) if restored else '?'} registrations restored: "
                  f"{restart_s:.1f} s to listening; live heap {heap2 / 1e6:.1f} MB, RSS {rss_kb(p.pid) / 1024:.0f} MB",
                  flush=True)
            cleanup()
    finally:
        cleanup()
        print(f"load average at the end {open('/proc/loadavg').read().split()[:3]}")
        if a.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
