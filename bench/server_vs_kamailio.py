#!/usr/bin/env python3
"""Our server side by side with Kamailio in the same run, all on 127.0.0.1, same SIPp scenarios against both.

  1. server CPU time (utime+stime from /proc, every process of the server) per call: a SIPp UAC as extension
     100 answers the 407 and does INVITE/200/ACK/BYE to a registered SIPp UAS as extension 101
     (bench/sipp/uas_rr.xml: `sipp -sn uas` plus Record-Route in its replies);
  2. server CPU time per REGISTER with digest auth (401 + authenticated REGISTER, distinct users);
  3. call setup latency at the UAC, SIPp rtd: rtd1 = first INVITE -> 200 (includes the 407 round trip),
     rtd2 = authenticated INVITE -> 200; p50/p99 per run. SIPp's clock ticks in 4 ms steps here, so with
     --tshark the same two intervals are also taken from a capture of the UAC's port on lo (needs tshark).

Kamailio (bench/kamailio/kamailio.cfg) is a registrar + stateful proxy with record_route; ours is a B2BUA.
Needs: root (Kamailio), `apt-get install -y kamailio sip-tester`, and a build:
  cd /work/main && mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package
Run:  python3 bench/server_vs_kamailio.py --warmup 3000 --tshark [--reps 3 --calls 3000 --regs 3000 --rate 100]
"""
import argparse
import atexit
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
JAR = os.path.join(ROOT, "server-app", "target-bench", "minisipserver.jar")
KAM_CFG = os.path.join(BENCH, "kamailio", "kamailio.cfg")
TICK_MS = 1000.0 / os.sysconf("SC_CLK_TCK")
IP = "127.0.0.1"
# per server: its SIP port, and the local ports of the SIPp UAS (ext 101), UAC (ext 100) and REGISTER load
PORTS = {"ours": dict(sip=5080, uas=5090, uac=5091, reg=5092, callback=5079),
         "before": dict(sip=5100, uas=5101, uac=5102, reg=5103, callback=5099),  # --baseline-jar
         "kamailio": dict(sip=5070, uas=5094, uac=5095, reg=5096)}

started = []  # Popen objects of every process this script starts; killed by PID on exit


def cleanup():
    for p in reversed(started):
        if p.poll() is None:
            try:
                p.send_signal(signal.SIGTERM)
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=10)
    started.clear()


atexit.register(cleanup)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def start(cmd, log, cwd):
    p = subprocess.Popen(cmd, stdout=open(log, "w"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                         cwd=cwd)
    started.append(p)
    return p


def udp_listening(port):
    want = ("0100007F:%04X" % port, "0000000000000000FFFF00000100007F:%04X" % port)  # IPv4, v4-mapped IPv6
    for table in ("/proc/net/udp", "/proc/net/udp6"):
        with open(table) as f:
            if any(line.split()[1] in want for line in list(f)[1:]):
                return True
    return False


def wait_port(port, proc, what, timeout=60):
    end = time.time() + timeout
    while time.time() < end:
        if proc.poll() is not None:
            sys.exit(f"{what} exited with {proc.returncode} before listening on {port}")
        if udp_listening(port):
            return
        time.sleep(0.2)
    sys.exit(f"{what} not listening on UDP {port} after {timeout} s")


def proc_tree(pid):
    """pid and all its descendants (Kamailio forks its workers; the JVM is one process)."""
    parents = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as f:
                    parents[int(d)] = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                pass
    tree, todo = [], [pid]
    while todo:
        p = todo.pop()
        tree.append(p)
        todo += [c for c, pp in parents.items() if pp == p]
    return tree


def cpu_ms(pid):
    total = 0
    for p in proc_tree(pid):
        try:
            with open(f"/proc/{p}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14, 15 of stat)
        except OSError:
            pass
    return total * TICK_MS


def thread_cpu_ms(pid):
    """CPU ms per thread group of one process (thread name without trailing digits): JIT, GC, SIP threads."""
    groups = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{t}/stat") as f:
                raw = f.read()
        except OSError:
            continue
        name = raw[raw.index("(") + 1:raw.rindex(")")].rstrip("0123456789#-_ ")
        fields = raw.rsplit(")", 1)[1].split()
        groups[name] = groups.get(name, 0) + (int(fields[11]) + int(fields[12])) * TICK_MS
    return groups


def sipp(work, name, args, expected_seconds):
    """Runs one SIPp client to completion; returns (exit code, successful, failed, {rtd: [ms...]})."""
    d = os.path.join(work, name)
    os.makedirs(d, exist_ok=True)
    cmd = ["sipp", "-i", IP, "-nostdin", "-trace_stat", "-stf", "stat.csv", "-fd", "1", "-trace_err",
           "-recv_timeout", "10000", "-timeout", f"{int(expected_seconds) + 60}s", "-timeout_error"] + args
    with open(os.path.join(d, "sipp.log"), "w") as log:
        try:
            rc = subprocess.run(cmd, cwd=d, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                timeout=expected_seconds + 90).returncode
        except subprocess.TimeoutExpired:
            rc = "timeout"
    ok = failed = None
    try:
        with open(os.path.join(d, "stat.csv")) as f:
            rows = [line.rstrip("\n").split(";") for line in f if line.strip()]
        head, last = rows[0], rows[-1]
        ok, failed = int(last[head.index("SuccessfulCall(C)")]), int(last[head.index("FailedCall(C)")])
    except (OSError, ValueError, IndexError):
        pass
    rtts = {}
    for fn in os.listdir(d):
        if fn.endswith("_rtt.csv"):
            with open(os.path.join(d, fn)) as f:
                for line in f:
                    parts = line.strip().split(";")
                    if len(parts) >= 3 and parts[2].isdigit():  # Date_ms;response_time_ms;rtd_no
                        rtts.setdefault("rtd" + parts[2], []).append(float(parts[1]))
    return rc, ok, failed, rtts


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, int(round(q / 100.0 * len(v) + 0.5)) - 1))] if v else float("nan")


def write_inputs(work, users):
    for name in ("uac_rr.xml", "uas_rr.xml", "register_user.xml"):  # copied: SIPp writes traces beside them
        shutil.copy(os.path.join(BENCH, "sipp", name), work)

    def cred(u):
        return f"{u};pw{u};[authentication username={u} password=pw{u}]\n"
    with open(os.path.join(work, "callee.csv"), "w") as f:
        f.write("SEQUENTIAL\n" + cred(101))
    with open(os.path.join(work, "caller.csv"), "w") as f:
        f.write("SEQUENTIAL\n100;\n")
    with open(os.path.join(work, "users.csv"), "w") as f:
        f.write("SEQUENTIAL\n" + "".join(cred(u) for u in users))
    for srv in ("ours", "before"):
        d = os.path.join(work, srv)
        os.makedirs(d)
        with open(os.path.join(d, "server.yaml"), "w") as f:
            p = PORTS[srv]["sip"]
            f.write(f"sip:\n  bind: {IP}\n  udp-port: {p}\n  tcp-port: {p}\n  tls-port: 0\n"
                    "registrar:\n  min-expires: 60\n  max-expires: 3600\n  default-expires: 600\n"
                    "auth:\n  algorithms: [MD5]\n"
                    # SIPp drives ~500 requests/s from one address: exempt it from the per-IP flood limit
                    f"security:\n  whitelist: [{IP}]\n"
                    # the call-back service listens on UDP 5080 by default
                    f"callback:\n  port: {PORTS[srv]['callback']}\n"
                    "extensions:\n")
            for u in [100, 101] + list(users):
                f.write(f'  - number: "{u}"\n    password: "pw{u}"\n')


def start_servers(work, jar, jvm_args, baseline_jar=None, baseline_jvm_args=None):
    ours = start(["java"] + jvm_args + ["-jar", jar, "--data-dir", os.path.join(work, "ours")],
                 os.path.join(work, "ours.log"), work)
    before = None
    if baseline_jar:
        before = start(["java"] + (jvm_args if baseline_jvm_args is None else baseline_jvm_args) + ["-jar", baseline_jar, "--data-dir", os.path.join(work, "before")],
                       os.path.join(work, "before.log"), work)
    kdir = os.path.join(work, "kam")
    os.makedirs(kdir)
    kam = start(["kamailio", "-f", KAM_CFG, "-DD", "-E", "-l", f"udp:{IP}:{PORTS['kamailio']['sip']}",
                 "-Y", kdir, "-w", kdir], os.path.join(work, "kamailio.log"), work)
    wait_port(PORTS["ours"]["sip"], ours, "our server")
    if before:
        wait_port(PORTS["before"]["sip"], before, "our server (baseline jar)")
    wait_port(PORTS["kamailio"]["sip"], kam, "kamailio")
    time.sleep(2)  # let both finish starting (JVM class loading, Kamailio children)
    return {"ours": ours, "kamailio": kam} | ({"before": before} if before else {})


def start_callee(work, srv):
    p = PORTS[srv]
    rc, ok, _, _ = sipp(work, f"{srv}-register-101", [f"{IP}:{p['sip']}", "-sf", "../register_user.xml",
                                                      "-inf", "../callee.csv", "-m", "1", "-p", str(p["uas"])], 5)
    if rc != 0 or ok != 1:
        sys.exit(f"{srv}: registering 101 failed (sipp exit {rc}), see {work}/{srv}-register-101/sipp.log")
    uas = start(["sipp", "-sf", "uas_rr.xml", "-i", IP, "-p", str(p["uas"]), "-nostdin"],
                os.path.join(work, f"{srv}-uas.log"), work)
    wait_port(p["uas"], uas, f"{srv} SIPp UAS")


def run_calls(work, tag, srv, n, rate):
    p = PORTS[srv]
    return sipp(work, tag, [f"{IP}:{p['sip']}", "-sf", "../uac_rr.xml", "-inf", "../caller.csv", "-s", "101",
                            "-au", "100", "-ap", "pw100", "-r", str(rate), "-m", str(n), "-p", str(p["uac"]),
                            "-trace_rtt", "-rtt_freq", "1"], n / rate)


def capture_start(work, tag, port):
    """tshark on lo for the UAC's port: SIPp's rtd clock ticks in 4 ms steps here, the capture is finer."""
    pcap = os.path.join(work, f"{tag}.pcap")
    p = start(["tshark", "-q", "-i", "lo", "-f", f"udp port {port}", "-w", pcap], pcap + ".log", work)
    end = time.time() + 20
    while time.time() < end and "Capturing on" not in open(pcap + ".log").read():
        time.sleep(0.2)
    return p, pcap


def capture_latency(proc, pcap, port):
    """Stops the capture; per call first INVITE -> 200 and authenticated INVITE -> 200, in ms."""
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)
    out = subprocess.run(["tshark", "-r", pcap, "-d", f"udp.port=={port},sip", "-Y", "sip.CSeq.method == INVITE",
                          "-T", "fields", "-E", "separator=;", "-e", "frame.time_epoch", "-e", "sip.Call-ID",
                          "-e", "sip.CSeq.seq", "-e", "sip.Method", "-e", "sip.Status-Code"],
                         capture_output=True, text=True, timeout=300).stdout
    first = {}  # (call-id, what) -> time of its first packet
    for line in out.splitlines():
        t, cid, seq, method, status = (line.split(";") + [""] * 5)[:5]
        key = (cid, f"invite{seq}" if method == "INVITE" else status)
        first.setdefault(key, float(t))
    lat = {"tshark-rtd1": [], "tshark-rtd2": []}
    for (cid, what), t200 in first.items():
        if what == "200":
            for name, inv in (("tshark-rtd1", "invite1"), ("tshark-rtd2", "invite2")):
                if (cid, inv) in first:
                    lat[name].append((t200 - first[(cid, inv)]) * 1000)
    return lat


def run_regs(work, tag, srv, n, rate):
    p = PORTS[srv]
    return sipp(work, tag, [f"{IP}:{p['sip']}", "-sf", "../register_user.xml", "-inf", "../users.csv",
                            "-r", str(rate), "-m", str(n), "-p", str(p["reg"])], n / rate)


def measured(work, tag, pid, fn, srv, n, rate, tshark, threads=False):
    cap = capture_start(work, tag, PORTS[srv]["uac"]) if tshark and fn is run_calls else None
    t0 = thread_cpu_ms(pid) if threads else {}
    before = cpu_ms(pid)
    rc, ok, failed, rtts = fn(work, tag, srv, n, rate)
    after = cpu_ms(pid)
    t1 = thread_cpu_ms(pid) if threads else {}
    if cap:
        rtts.update(capture_latency(cap[0], cap[1], PORTS[srv]["uac"]))
    split = sorted(((t1[k] - t0.get(k, 0)) / n, k) for k in t1 if t1[k] - t0.get(k, 0) > 0)[::-1]
    return dict(cpu=(after - before) / n, rc=rc, ok=ok, failed=failed, rtts=rtts, threads=split)


def mmm(values):
    return f"min {min(values):.3f} / median {statistics.median(values):.3f} / max {max(values):.3f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--rate", type=int, default=100, help="calls (or registrations) per second")
    ap.add_argument("--calls", type=int, default=3000)
    ap.add_argument("--regs", type=int, default=3000)
    ap.add_argument("--warmup", type=int, default=1000, help="calls and registrations per server before measuring")
    ap.add_argument("--users", type=int, default=500, help="distinct users for the REGISTER load")
    ap.add_argument("--tshark", action="store_true", help="also time INVITE->200 from a capture (finer)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory (logs, SIPp stats)")
    ap.add_argument("--jar", default=JAR, help="our server's jar (default: server-app/target-bench/minisipserver.jar)")
    ap.add_argument("--jvm-arg", action="append", default=[], help="extra JVM option for our server (repeatable)")
    ap.add_argument("--baseline-jar", help="also run this (older) build of our server in the same run, as "
                    "'before', so a change is measured against its baseline under the same load")
    ap.add_argument("--threads", action="store_true", help="also print our server's CPU ms per call/REGISTER "
                    "by thread group (SIP workers, GC, JIT compiler, timers) from /proc/PID/task")
    ap.add_argument("--baseline-jvm-arg", action="append", help="JVM option for the --baseline-jar server "
                    "(repeatable; default: the same as --jvm-arg), e.g. to compare JVM settings on one jar")
    ap.add_argument("--jfr", metavar="FILE", help="record a JFR profile (settings=profile) of our server over the "
                    "measured reps, after the warm-up, into FILE")
    a = ap.parse_args()
    if not os.path.exists(a.jar):
        sys.exit(f"missing {a.jar}: build with mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package")
    work = tempfile.mkdtemp(prefix="bench-kam-")
    print(f"work dir {work}; {a.reps} reps of {a.calls} calls and {a.regs} REGISTERs at {a.rate}/s", flush=True)
    print(f"load average at the start: {open('/proc/loadavg').read().split()[:3]}", flush=True)
    write_inputs(work, range(2000, 2000 + a.users))
    servers = start_servers(work, a.jar, a.jvm_arg, a.baseline_jar, a.baseline_jvm_arg)
    for srv in servers:
        start_callee(work, srv)
    for srv in servers:  # warm-up (JIT for ours), not measured
        for fn, what in ((run_calls, "calls"), (run_regs, "regs")):
            rc, ok, failed, _ = fn(work, f"{srv}-warmup-{what}", srv, a.warmup, a.rate)
            print(f"warm-up {srv} {what}: sipp exit {rc}, ok {ok}, failed {failed}", flush=True)
    results = {(srv, k): [] for srv in servers for k in ("calls", "regs")}
    if a.jfr:
        subprocess.run(["jcmd", str(servers["ours"].pid), "JFR.start", "name=bench", "settings=profile",
                        f"filename={os.path.abspath(a.jfr)}"], check=True, stdout=subprocess.DEVNULL)
    for rep in range(1, a.reps + 1):
        for srv, proc in servers.items():  # interleaved, so drifting machine load hits both alike
            for k, fn, n in (("calls", run_calls, a.calls), ("regs", run_regs, a.regs)):
                r = measured(work, f"{srv}-{k}-{rep}", proc.pid, fn, srv, n, a.rate, a.tshark,
                             a.threads and srv != "kamailio")
                results[(srv, k)].append(r)
                lat = ""
                for rtd in sorted(r["rtts"]):
                    v = r["rtts"][rtd]
                    lat += f"; {rtd} p50 {pct(v, 50):.2f} p99 {pct(v, 99):.2f} ms (n={len(v)})"
                print(f"rep {rep} {srv:8} {k}: {r['cpu']:.3f} CPU ms each; sipp exit {r['rc']}, "
                      f"ok {r['ok']}, failed {r['failed']}{lat}", flush=True)
                if r["threads"]:
                    print("    by thread: " + ", ".join(f"{name} {ms:.3f}" for ms, name in r["threads"][:10]),
                          flush=True)
    if a.jfr:
        subprocess.run(["jcmd", str(servers["ours"].pid), "JFR.stop", "name=bench"], check=True,
                       stdout=subprocess.DEVNULL)
        print(f"JFR recording of our server over the measured reps: {a.jfr}")
    print(f"load average at the end: {open('/proc/loadavg').read().split()[:3]}")
    for srv, proc in servers.items():
        if proc.poll() is not None:
            print(f"WARNING: {srv} exited ({proc.returncode}) during the run")
    print("\n=== summary (min / median / max over reps) ===")
    for k, unit in (("calls", "call"), ("regs", "REGISTER")):
        for srv in servers:
            rs = results[(srv, k)]
            print(f"{srv:8} CPU ms per {unit}: {mmm([r['cpu'] for r in rs])}; failed "
                  f"{[r['failed'] for r in rs]}, sipp exit {[r['rc'] for r in rs]}")
        for srv in [s for s in servers if s != "kamailio"]:
            ratios = [o["cpu"] / kk["cpu"] for o, kk in zip(results[(srv, k)], results[("kamailio", k)])
                      if kk["cpu"] > 0]
            if ratios:
                print(f"ratio {srv}/kamailio per {unit} (same rep): {mmm(ratios)}")
    for srv in servers:
        for rtd in ("rtd1", "rtd2") + (("tshark-rtd1", "tshark-rtd2") if a.tshark else ()):
            p50 = [pct(r["rtts"].get(rtd, []), 50) for r in results[(srv, "calls")]]
            p99 = [pct(r["rtts"].get(rtd, []), 99) for r in results[(srv, "calls")]]
            print(f"{srv:8} {rtd} INVITE->200 ms: p50 {mmm(p50)}; p99 {mmm(p99)}")
    cleanup()
    if a.keep:
        print(f"logs kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
