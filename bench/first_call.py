#!/usr/bin/env python3
"""First-call figures for our server + headless phone, on loopback (run by hand, never in mvn verify).

Prints:
  - start-to-registered: wall time from launching `java -jar minisipphone.jar --headless` to its
    `registered` line, 5 runs (min/median/max);
  - call setup INVITE->200 as seen on the wire by tshark on lo (caller's first INVITE to the 200 it gets),
    5 calls (min/median/max);
  - CPU seconds per minute of a G.711 + SRTP call for the calling phone (utime+stime from /proc between its
    `answered` and `ended` lines), also the callee.

Usage: bench/first_call.py [--call-seconds 60]   (after `mvn -B -DskipTests package`; tshark optional)
"""
import argparse, os, re, shutil, signal, socket, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER_JAR = os.path.join(ROOT, "server-app/target/minisipserver.jar")
PHONE_JAR = os.path.join(ROOT, "phone-app/target/minisipphone.jar")
TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    p = s.getsockname()[1]
    s.close()
    return p


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


class Phone:
    def __init__(self, *args):
        self.p = subprocess.Popen(["java", "-jar", PHONE_JAR, "--headless", *args], stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def wait_line(self, prefix, timeout=30):
        end = time.time() + timeout
        while time.time() < end:
            line = self.p.stdout.readline()
            if not line:
                break
            if line.startswith(prefix):
                return line.strip()
        raise RuntimeError(f"no '{prefix}' line")

    def stop(self):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGTERM)
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()


def start_server(tmp, port, tls_port):
    y = f"sip:\n  bind: 127.0.0.1\n  udp-port: {port}\n  tcp-port: {port}\n  tls-port: {tls_port}\nextensions:\n"
    for n in range(100, 105):
        y += f'  - {{number: "{n}", password: "pw-{n}"}}\n'
    with open(os.path.join(tmp, "server.yaml"), "w") as f:
        f.write(y)
    p = subprocess.Popen(["java", "-jar", SERVER_JAR, "--data-dir", tmp], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    while "listening" not in p.stdout.readline():
        pass
    return p


def stats(xs, unit):
    return f"min {min(xs):.0f} {unit}, median {statistics.median(xs):.0f} {unit}, max {max(xs):.0f} {unit} (n={len(xs)})"


def tone(path, hz):
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "120", "sine", str(hz),
                    "vol", "0.5"], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--call-seconds", type=int, default=60)
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="minisip-bench-")
    port, tls = free_port(), free_port()
    server = start_server(tmp, port, tls)
    acct = lambda n, t="udp", p=port: ["--account", f"sip:{n}@127.0.0.1:{p};transport={t}", "--password", f"pw-{n}"]
    try:
        regs = []
        for i in range(5):
            t0 = time.monotonic()
            ph = Phone(*acct(102), "--register-only", "--duration", "2")
            ph.wait_line("registered ")
            regs.append((time.monotonic() - t0) * 1000)
            ph.stop()
        print("start-to-registered:", stats(regs, "ms"))

        t440, t1000 = os.path.join(tmp, "t440.wav"), os.path.join(tmp, "t1000.wav")
        tone(t440, 440)
        tone(t1000, 1000)
        setups = []
        if shutil.which("tshark"):
            pcap = os.path.join(tmp, "setup.pcap")
            cap = subprocess.Popen(["tshark", "-q", "-i", "lo", "-f", f"udp port {port}", "-w", pcap],
                                   stderr=subprocess.DEVNULL)
            time.sleep(2)
            # with --duration the callee keeps answering call after call
            callee = Phone(*acct(101), "--auto-answer", "--srtp", "mandatory", "--duration", "600")
            callee.wait_line("registered ")
            for i in range(5):
                c = Phone(*acct(100), "--call", "101", "--srtp", "mandatory", "--duration", "1")
                c.wait_line("ended")
                c.stop()
            callee.stop()
            time.sleep(1)
            cap.send_signal(signal.SIGINT)
            try:
                cap.wait(10)
            except subprocess.TimeoutExpired:
                cap.kill()
            out = subprocess.run(["tshark", "-r", pcap, "-Y", "sip", "-T", "fields", "-e", "frame.time_epoch",
                                  "-e", "sip.Call-ID", "-e", "sip.CSeq", "-e", "sip.Status-Code",
                                  "-e", "sip.Method", "-e", "sip.from.user", "-e", "udp.dstport"],
                                 capture_output=True, text=True).stdout
            first_invite, ok = {}, {}
            for line in out.splitlines():
                f = line.split("\t")
                if len(f) < 7:
                    continue
                ts, cid, cseq, code, method, fuser, dport = f[:7]
                if method == "INVITE" and fuser == "100" and dport == str(port) and cid not in first_invite:
                    first_invite[cid] = float(ts)
                if code == "200" and "INVITE" in cseq and cid in first_invite and cid not in ok:
                    ok[cid] = float(ts)
            setups = [(ok[c] - first_invite[c]) * 1000 for c in ok]
            print("call setup INVITE->200 (incl. 407 round trip):", stats(setups, "ms"))
        else:
            print("call setup: tshark not installed, not measured")

        callee = Phone(*acct(101), "--auto-answer", "--srtp", "mandatory", "--play", t440)
        callee.wait_line("registered ")
        caller = Phone(*acct(100), "--call", "101", "--srtp", "mandatory", "--play", t1000,
                       "--duration", str(a.call_seconds))
        caller.wait_line("answered ")
        c0, e0, w0 = cpu_seconds(caller.p.pid), cpu_seconds(callee.p.pid), time.monotonic()
        time.sleep(a.call_seconds - 1)
        c1, e1, w1 = cpu_seconds(caller.p.pid), cpu_seconds(callee.p.pid), time.monotonic()
        caller.wait_line("ended", a.call_seconds + 30)
        minutes = (w1 - w0) / 60
        print(f"phone CPU per minute of G.711+SRTP call: caller {(c1 - c0) / minutes:.2f} s/min, "
              f"callee {(e1 - e0) / minutes:.2f} s/min (measured over {w1 - w0:.0f} s)")
        callee.stop()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(10)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
