#!/usr/bin/env python3
"""PBX service figures (run by hand as root, never in mvn verify), inside a network namespace it creates:

  - server CPU seconds per minute of a 5-party conference (5 headless phones in room 800, SRTP, each playing
    its own tone; utime+stime of the server JVM over a window in which all 5 are connected);
  - server CPU seconds per minute of a recorded call (100 -> 104 with record: true, ptime 20 vs 40);
  - the longest silence inside the recording of a call made with ptime 20 vs 40 while `tc netem` on the
    namespace's loopback reorders 5 % of packets (20 ms delay for the others), with and without reordering.

Usage: bench/pbx_services.py [--build-dir target] [--seconds 60] [--runs 3]
Needs: root, iproute2 (ip, tc with netem), sox; a build: mvn -B -DskipTests -Dminisip.buildDir=DIR package
"""
import argparse, math, os, signal, statistics, struct, subprocess, sys, tempfile, time, wave

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")
NS = "msbench-pbx"


def sh(*cmd, check=True):
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def in_ns(*cmd):
    return ["ip", "netns", "exec", NS, *cmd]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def java_pid(popen):
    """The JVM's pid: `ip netns exec` execs the command, so it is the Popen's pid."""
    return popen.pid


class Phone:
    def __init__(self, jar, *args):
        self.p = subprocess.Popen(in_ns("java", "-jar", jar, "--headless", *args), stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL, text=True, bufsize=1)

    def wait_line(self, prefix, timeout=60):
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
                self.p.wait(15)
            except subprocess.TimeoutExpired:
                self.p.kill()


def start_server(jar, tmp):
    y = "sip:\n  bind: 127.0.0.1\n  udp-port: 5060\n  tcp-port: 5060\n  tls-port: 0\nextensions:\n"
    for n in range(100, 110):
        rec = ", record: true" if n == 104 else ""
        y += f'  - {{number: "{n}", password: "pw-{n}"{rec}}}\n'
    y += 'conference-rooms:\n  - {number: "800"}\n'
    with open(os.path.join(tmp, "server.yaml"), "w") as f:
        f.write(y)
    p = subprocess.Popen(in_ns("java", "-jar", jar, "--data-dir", tmp), stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True)
    while "listening" not in p.stdout.readline():
        pass
    return p


def tone(path, hz):
    subprocess.run(["sox", "-n", "-r", "8000", "-c", "1", "-b", "16", path, "synth", "300", "sine", str(hz),
                    "vol", "0.5"], check=True)


def account(n):
    return ["--account", f"sip:{n}@127.0.0.1:5060", "--password", f"pw-{n}"]


def conference_cpu(server, phone_jar, tmp, seconds):
    phones = []
    try:
        for i, n in enumerate(range(100, 105)):
            t = os.path.join(tmp, f"t{n}.wav")
            tone(t, 400 + 200 * i)
            ph = Phone(phone_jar, *account(n), "--call", "800", "--srtp", "mandatory", "--play", t,
                       "--duration", str(seconds + 60))
            ph.wait_line("answered ")
            phones.append(ph)
        time.sleep(2)
        c0 = cpu_seconds(java_pid(server))
        time.sleep(seconds)
        c1 = cpu_seconds(java_pid(server))
        return (c1 - c0) * 60 / seconds
    finally:
        for ph in phones:
            ph.stop()


def recorded_call(server, phone_jar, tmp, seconds, measure_cpu):
    t440 = os.path.join(tmp, "t440.wav")
    t1000 = os.path.join(tmp, "t1000.wav")
    tone(t440, 440)
    tone(t1000, 1000)
    callee = Phone(phone_jar, *account(104), "--auto-answer", "--ptime", "40", "--play", t440)
    callee.wait_line("registered ")
    caller = Phone(phone_jar, *account(100), "--call", "104", "--ptime", "20", "--play", t1000,
                   "--duration", str(seconds + 2))
    try:
        caller.wait_line("answered ")
        time.sleep(1)
        c0 = cpu_seconds(java_pid(server))
        time.sleep(seconds)
        c1 = cpu_seconds(java_pid(server))
        caller.wait_line("ended ", timeout=30)
    finally:
        caller.stop()
        callee.stop()
    return (c1 - c0) * 60 / seconds if measure_cpu else None


def newest_recording(tmp):
    wavs = []
    for d, _, files in os.walk(os.path.join(tmp, "recordings")):
        wavs += [os.path.join(d, f) for f in files if f.endswith(".wav")]
    return max(wavs, key=os.path.getmtime)


def longest_inner_silence_ms(path, threshold=500):
    time.sleep(1)
    w = wave.open(path)
    rate = w.getframerate()
    x = struct.unpack(f"<{w.getnframes()}h", w.readframes(w.getnframes()))
    block = rate // 100
    silent = []
    for b in range(len(x) // block):
        seg = x[b * block:(b + 1) * block]
        silent.append(math.sqrt(sum(v * v for v in seg) / block) < threshold)
    loud = [i for i, s in enumerate(silent) if not s]
    longest = run = 0
    for s in silent[loud[0]:loud[-1] + 1] if loud else []:
        run = run + 1 if s else 0
        longest = max(longest, run)
    return longest * 10, len(x) / rate


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default="target")
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    server_jar = os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    phone_jar = os.path.join(ROOT, "phone-app", a.build_dir, "minisipphone.jar")
    sh("ip", "netns", "del", NS, check=False)
    sh("ip", "netns", "add", NS)
    sh(*in_ns("ip", "link", "set", "lo", "up"))
    tmp = tempfile.mkdtemp(prefix="msbench-pbx-")
    server = start_server(server_jar, tmp)
    try:
        conf = [conference_cpu(server, phone_jar, tmp, a.seconds) for _ in range(a.runs)]
        print(f"server CPU s per minute, 5-party conference: " + ", ".join(f"{c:.2f}" for c in conf)
              + f" (median {statistics.median(conf):.2f})")
        rec = [recorded_call(server, phone_jar, tmp, a.seconds, True) for _ in range(a.runs)]
        print(f"server CPU s per minute, recorded call (ptime 20 vs 40): " + ", ".join(f"{c:.2f}" for c in rec)
              + f" (median {statistics.median(rec):.2f})")
        for label, netem in (("no reordering", None),
                             ("netem reorder 5% (others delayed 20 ms)", ["delay", "20ms", "reorder", "5%", "50%"])):
            if netem:
                r = sh(*in_ns("tc", "qdisc", "add", "dev", "lo", "root", "netem", *netem), check=False)
                if r.returncode != 0:
                    print(f"skipped {label}: tc netem unavailable ({r.stderr.strip()}); "
                          "use bench/recording_reorder.sh")
                    continue
            gaps = []
            for _ in range(a.runs):
                recorded_call(server, phone_jar, tmp, 20, False)
                gaps.append(longest_inner_silence_ms(newest_recording(tmp)))
            if netem:
                sh(*in_ns("tc", "qdisc", "del", "dev", "lo", "root"))
            print(f"longest silence inside the recording, ptime 20 vs 40, {label}: "
                  + ", ".join(f"{g} ms ({s:.1f} s file)" for g, s in gaps))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
        sh("ip", "netns", "del", NS, check=False)


if __name__ == "__main__":
    sys.exit(main())
