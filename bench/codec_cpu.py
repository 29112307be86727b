#!/usr/bin/env python3
"""Phone CPU per call-minute by codec, and jitter-buffer delay on a lossy, jittery link.

1. CPU: for each codec, two headless phones call each other directly on 127.0.0.1 (no server, plain RTP, so
   the codec dominates), both sending a tone; CPU seconds (utime+stime from /proc/<pid>/stat) of each phone
   between its `answered` and `ended` lines, scaled to one minute. Each phone encodes and decodes one stream.
2. Jitter buffer: LossyLinkBench (shared-sip test classes) sends one RTP stream between two MediaSessions through
   a relay dropping LOSS % and delaying each packet by BASE + uniform[0, JITTER) ms; prints the receiver's
   jitter-buffer delay (sampled every 100 ms) and lost/late packets.

Needs a build first: mvn -B -q -o -DskipTests -Dminisip.buildDir=target-bench package test-compile
Usage: python3 bench/codec_cpu.py [--seconds 60] [--codecs pcmu,g722,opus] [--build-dir target-bench]
"""
import argparse, os, socket, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Phone:
    def __init__(self, jar, *args):
        self.p = subprocess.Popen(["java", "-jar", jar, "--headless", *args], stdout=subprocess.PIPE,
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
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()


def tone(path, hz, rate):
    subprocess.run(["sox", "-n", "-r", str(rate), "-c", "1", "-b", "16", path, "synth", "120", "sine", str(hz),
                    "vol", "0.5"], check=True)


def codec_cpu(jar, codec, seconds, tmp):
    port = free_port()
    a, b = os.path.join(tmp, "a.wav"), os.path.join(tmp, "b.wav")
    tone(a, 440, 16000)
    tone(b, 1000, 16000)
    callee = Phone(jar, "--auto-answer", "--local-port", str(port), "--srtp", "off", "--codecs", codec,
                   "--play", b)
    time.sleep(3)
    caller = Phone(jar, "--call", f"sip:phone@127.0.0.1:{port}", "--srtp", "off", "--codecs", codec,
                   "--play", a, "--duration", str(seconds))
    try:
        caller.wait_line("answered")
        t0, c0, d0 = time.time(), cpu_seconds(caller.p.pid), cpu_seconds(callee.p.pid)
        callee.wait_line("answered")
        caller.wait_line("ended", timeout=seconds + 30)
        t1, c1, d1 = time.time(), cpu_seconds(caller.p.pid), cpu_seconds(callee.p.pid)
        minutes = (t1 - t0) / 60
        return (c1 - c0) / minutes, (d1 - d0) / minutes, t1 - t0
    finally:
        caller.stop()
        callee.stop()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=int, default=60)
    ap.add_argument("--codecs", default="pcmu,g722,opus")
    ap.add_argument("--build-dir", default="target-bench")
    ap.add_argument("--jitter-only", action="store_true")
    args = ap.parse_args()
    jar = os.path.join(ROOT, "phone-app", args.build_dir, "minisipphone.jar")
    with open("/proc/loadavg") as f:
        print("load average at start:", f.read().split()[:3])
    if not args.jitter_only:
        with tempfile.TemporaryDirectory() as tmp:
            for codec in args.codecs.split(","):
                caller, callee, secs = codec_cpu(jar, codec, args.seconds, tmp)
                print(f"{codec}: caller {caller:.2f} s CPU per call-minute, callee {callee:.2f} s "
                      f"(one {secs:.0f} s call, plain RTP, 20 ms)")
    cp = subprocess.run(["mvn", "-B", "-q", "-o", f"-Dminisip.buildDir={args.build_dir}", "-pl", "shared-sip",
                         "dependency:build-classpath", "-Dmdep.includeScope=test", "-Dmdep.outputFile=/dev/stdout"],
                        cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
    classes = [os.path.join(ROOT, "shared-sip", args.build_dir, d) for d in ("test-classes", "classes")]
    for codec in args.codecs.upper().split(","):
        for loss, base, jitter in ((0, 0, 0), (5, 20, 40)):
            out = subprocess.run(["java", "-cp", ":".join(classes + [cp]), "org.minisip.media.bench.LossyLinkBench",
                                  codec, str(args.seconds), str(loss), str(base), str(jitter)],
                                 capture_output=True, text=True).stdout
            print([line for line in out.splitlines() if line.startswith("codec=")][-1])
    with open("/proc/loadavg") as f:
        print("load average at end:", f.read().split()[:3])


if __name__ == "__main__":
    sys.exit(main())
