#!/usr/bin/env python3
"""Added latency of our media path: clicks played by one headless phone, found in the recording of another.

Our server on 127.0.0.1 (temp data dir, UDP 25370). Our phone 100 (or 104) calls 101 (or 105) with `--play
clicks.wav` (8 kHz, a 1 ms click every 2 s from 1 s on); the callee answers and `--record`s. Both run with
`--media-timestamps`, so they print the wall-clock time (epoch µs) at which sample 0 of the played file was read
(`play-start`) and sample 0 of the recording was written (`record-start`); the callee also gets `stats` on stdin
every 0.2 s and prints its jitter-buffer delay (`jb-delay-ms`). Per click:

    mouth = play-start + k / 8000          (k: the click's sample in the file, always a packet boundary)
    ear   = record-start + j / 8000        (j: the click's onset in the recording, first |x| > 4000)
    added latency = ear - mouth

With `dumpcap -P` on lo (root) the path is split on the wire: the caller's packet carrying the click is found by its
RTP timestamp (first packet's + 160 × frame index: the sender reads one 20 ms frame per packet); sender side = that
packet's capture time − mouth; on a direct call (the default: phones send media to each other, the server only
relays SIP) receiver side = ear − the same packet's time. On an anchored call (extension 105 has `record: true`: the
server relays and records the audio) the packet the server sends to the callee with the click is found by decoding
its PCMU payload, which needs plain RTP; with SRTP only the total is shown for anchored calls.

Modes: direct-srtp (the default set-up: SRTP mandatory), direct-rtp, anchored-srtp, anchored-rtp; runs alternate.
baresip-rtp: baresip 103 calls baresip 102 through our server (plain RTP, PCMU, media phone to phone; baresip's
default jitter buffer). baresip 1.0.0's aufile module is a source only, so with file audio baresip has no playout
clock: its received audio is timed where its sndfile module writes the decoded frames (after the jitter buffer,
one write(2) per 20 ms frame, timestamped by strace), against the capture time of the packet carrying the click, and
compared with our receiver side (same definition, wire → written to the recording). With a baresip mode the whole
run moves into a network namespace the script makes (lo + veth 10.99.0.1; root, iproute2).
The wall clock (CLOCK_REALTIME, which the capture and both phones use) is compared with CLOCK_MONOTONIC before and
after each call: a slew between them would be an error of the method and is printed.

Needs: the jars (mvn -B -q -DskipTests -Dminisip.buildDir=target-bench package); dumpcap (tshark's package) and root
for the split.
Run:  python3 bench/click_latency.py [--runs 3 --seconds 24 --modes direct-srtp,direct-rtp,anchored-srtp,anchored-rtp
      (the default),baresip-rtp]
      [--build-dir target-bench --server-jar OLD.jar --restart-server --no-capture]
"""
import argparse
import array
import bisect
import os
import re
import shutil
import statistics
import struct
import subprocess
import sys

import baresip_conf
import tempfile
import threading
import time
import wave

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PORT = 25370
RATE = 8000
FRAME = 160                 # samples per 20 ms packet
FIRST_S, EVERY_S = 1.0, 2.0
CLICK_LEN, CLICK_AMP, THRESHOLD = 8, 16000, 4000
MODES = ("direct-srtp", "direct-rtp", "anchored-srtp", "anchored-rtp", "baresip-rtp")


# ------------------------------------------------------------------ processes

class Proc:
    """A child whose stdout lines are collected (with arrival time) by a thread, so its pipe never fills."""

    def __init__(self, args, stdin=False):
        self.p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  stdin=subprocess.PIPE if stdin else subprocess.DEVNULL)
        self.lines = []
        self.cond = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.p.stdout:
            with self.cond:
                self.lines.append(line.rstrip("\n"))
                self.cond.notify_all()
        with self.cond:
            self.cond.notify_all()

    def wait_for(self, prefix, timeout):
        """The first line starting with prefix, waiting up to timeout s; None if it never came or the child exited."""
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                hit = next((x for x in self.lines if x.startswith(prefix)), None)
                left = end - time.monotonic()
                if hit is not None or left <= 0 or self.p.poll() is not None:
                    return hit
                self.cond.wait(min(left, 0.5))

    def wait_for_text(self, needle, timeout):
        """The first line containing needle (anywhere), as wait_for."""
        end = time.monotonic() + timeout
        with self.cond:
            while True:
                hit = next((x for x in self.lines if needle in x), None)
                left = end - time.monotonic()
                if hit is not None or left <= 0 or self.p.poll() is not None:
                    return hit
                self.cond.wait(min(left, 0.5))

    def found(self, prefix):
        with self.cond:
            return [x for x in self.lines if x.startswith(prefix)]

    def send(self, text):
        try:
            self.p.stdin.write(text)
            self.p.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass

    def stop(self, timeout=10):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(timeout)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait(10)


def start_server(tmp, jar):
    d = os.path.join(tmp, "server")
    os.makedirs(d)
    ext = "".join(f'  - {{number: "{n}", password: "pw-{n}"{", record: true" if n == 105 else ""}}}\n'
                  for n in range(100, 106))
    with open(os.path.join(d, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {PORT}\n  tcp-port: 0\n  tls-port: 0\n"
                f"callback:\n  port: 0\nextensions:\n{ext}")
    p = Proc(["java", "-jar", jar, "--data-dir", d])
    if p.wait_for("minisipserver listening", 90) is None:
        p.stop()
        sys.exit("server did not start:\n" + "\n".join(p.lines[-20:]))
    return p


# ------------------------------------------------------------------ audio

def click_positions(seconds):
    n = int((seconds - FIRST_S - 1.0) // EVERY_S) + 1
    return [int((FIRST_S + i * EVERY_S) * RATE) for i in range(n)]


def write_clicks(path, seconds):
    samples = array.array("h", bytes(2 * int((seconds + 4) * RATE)))
    for k in click_positions(seconds):
        for i in range(CLICK_LEN):
            samples[k + i] = CLICK_AMP
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.tobytes())


def read_wav(path):
    with wave.open(path, "rb") as w:
        if w.getframerate() != RATE or w.getnchannels() != 1 or w.getsampwidth() != 2:
            raise RuntimeError(f"{path}: expected 8 kHz mono 16-bit")
        a = array.array("h")
        a.frombytes(w.readframes(w.getnframes()))
        return a


def onset(samples, start, end):
    """First sample index in [start, end) with |x| > THRESHOLD, or None."""
    for j in range(max(0, start), min(len(samples), end)):
        if abs(samples[j]) > THRESHOLD:
            return j
    return None


def ulaw_decode(b):
    b = ~b & 0xFF
    t = ((b & 0x0F) << 3) + 0x84
    t <<= (b & 0x70) >> 4
    return (0x84 - t) if (b & 0x80) else (t - 0x84)


ULAW = [ulaw_decode(b) for b in range(256)]


# ------------------------------------------------------------------ capture

def capture_packets(pcap, ports):
    """(epoch s, src port, dst port, payload) of the IPv4 UDP packets from or to the given ports, read straight from
    dumpcap's classic pcap file (lo is Ethernet-framed; timestamps in µs)."""
    res = []
    with open(pcap, "rb") as f:
        head = f.read(24)
        if len(head) < 24:
            return res
        order = "<" if head[:4] == b"\xd4\xc3\xb2\xa1" else ">"
        if head[:4] not in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4"):
            raise RuntimeError(f"{pcap}: not a µs pcap file")
        while True:
            rec = f.read(16)
            if len(rec) < 16:
                break
            sec, usec, incl, _ = struct.unpack(order + "IIII", rec)
            frame = f.read(incl)
            if len(frame) < 42 or frame[12:14] != b"\x08\x00" or frame[23] != 17:
                continue
            ihl = (frame[14] & 0x0F) * 4
            u = 14 + ihl
            src, dst, ulen = struct.unpack("!HHH", frame[u:u + 6])
            if src in ports or dst in ports:
                res.append((sec + usec / 1e6, src, dst, frame[u + 8:u + ulen]))
    return res


def media_ports(sip):
    """Caller's RTP port (from the INVITE it sends to the server) and callee's (from its 200 OK to the server)."""
    caller = callee = None
    for _, _, dst, payload in sip:
        if dst != PORT:
            continue
        text = payload.decode("utf-8", "replace")
        m = re.search(r"^m=audio (\d+)", text, re.M)
        if not m or not re.search(r"^CSeq:\s*\d+ INVITE", text, re.M | re.I):
            continue
        if text.startswith("INVITE ") and caller is None:
            caller = int(m.group(1))
        elif text.startswith("SIP/2.0 200") and callee is None:
            callee = int(m.group(1))
    return caller, callee


def rtp(payload):
    if len(payload) < 12 or payload[0] >> 6 != 2 or (payload[1] & 0x7F) >= 72:
        return None
    seq = int.from_bytes(payload[2:4], "big")
    ts = int.from_bytes(payload[4:8], "big")
    cc = payload[0] & 0x0F
    return seq, ts, payload[12 + 4 * cc:]


# ------------------------------------------------------------------ one call

def epoch_s(line):
    return int(line.split()[1]) / 1e6


def one_call(mode, phone_jar, tmp, clicks_wav, seconds, run, capture):
    anchored = mode.startswith("anchored")
    srtp = "mandatory" if mode.endswith("srtp") else "off"
    caller_ext, callee_ext = (104, 105) if anchored else (100, 101)
    rec = os.path.join(tmp, f"rec-{mode}-{run}.wav")
    pcap = os.path.join(tmp, f"{mode}-{run}.pcap")
    common = ["java", "-jar", phone_jar, "--headless", "--media-timestamps", "--srtp", srtp]
    dump = callee = caller = None
    clock0 = time.time() - time.monotonic()
    try:
        if capture:
            dump = subprocess.Popen(["dumpcap", "-q", "-P", "-i", "lo", "-f", "udp", "-s", "1600", "-w", pcap],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(1.0)
        callee = Proc(common + ["--account", f"sip:{callee_ext}@127.0.0.1:{PORT}", "--password",
                                f"pw-{callee_ext}", "--auto-answer", "--record", rec, "--commands"], stdin=True)
        if callee.wait_for("registered ", 90) is None:
            raise RuntimeError("callee did not register: " + " | ".join(callee.lines[-5:]))
        caller = Proc(common + ["--account", f"sip:{caller_ext}@127.0.0.1:{PORT}", "--password",
                                f"pw-{caller_ext}", "--play", clicks_wav, "--call", str(callee_ext),
                                "--duration", str(seconds)])
        if caller.wait_for("answered ", 90) is None:
            raise RuntimeError("call not answered: " + " | ".join(caller.lines[-5:]))
        end = time.monotonic() + seconds + 30
        while caller.p.poll() is None and time.monotonic() < end:
            callee.send("stats\n")
            time.sleep(0.2)
        if callee.wait_for("record-end", 15) is None:
            raise RuntimeError("callee printed no record-end: " + " | ".join(callee.lines[-5:]))
    finally:
        for p in (caller, callee):
            if p:
                p.stop()
        if dump:
            time.sleep(0.5)
            dump.terminate()
            dump.wait(10)
    slew_ms = ((time.time() - time.monotonic()) - clock0) * 1000
    play = caller.wait_for("play-start", 0)
    recs = callee.wait_for("record-start", 0)
    rend = callee.wait_for("record-end", 0)
    if not play or not recs:
        raise RuntimeError("no play-start/record-start line")
    t_play, t_rec = epoch_s(play), epoch_s(recs)
    m = re.search(r"spread-ms=(-?[\d.]+)\.\.(-?[\d.]+) p1-p99-ms=(-?[\d.]+)\.\.(-?[\d.]+)", rend)
    spread = [float(x) for x in m.groups()]
    jb = [int(x.split("jb-delay-ms=")[1]) for x in callee.found("stats ") if "jb-delay-ms=" in x]
    stats = callee.found("stats ")
    heard = read_wav(rec)
    res = {"mode": mode, "total": [], "sender": [], "relay": [], "receiver": [], "jb": jb,
           "spread": spread, "slew": slew_ms, "last_stats": stats[-1] if stats else "", "missing": 0}

    wire_out = wire_in = None
    if capture:
        sip = capture_packets(pcap, {PORT})
        pc, pe = media_ports(sip)
        if pc is None or pe is None:
            raise RuntimeError("media ports not found in the captured SDP")
        pkts = capture_packets(pcap, {pc, pe})
        sent = [(t, rtp(pl)) for t, s, d, pl in pkts if s == pc and d % 2 == 0 and rtp(pl)]
        into = [(t, rtp(pl)) for t, s, d, pl in pkts if d == pe and s % 2 == 0 and rtp(pl)]
        if sent:
            ts0 = sent[0][1][1]
            wire_out = {r[1]: t for t, r in sent}           # RTP ts -> capture time of the caller's packet
        if anchored and srtp == "off":
            wire_in = into
            wire_in_times = [t for t, _ in into]

    for k in click_positions(seconds):
        mouth = t_play + k / RATE
        j0 = int((mouth - t_rec) * RATE)                   # ear can't be before mouth
        j = onset(heard, j0 - FRAME, j0 + RATE)            # (one frame of slack for the clocks)
        if j is None:
            res["missing"] += 1
            continue
        ear = t_rec + j / RATE
        res["total"].append((ear - mouth) * 1000)
        if wire_out is None:
            continue
        t_sent = wire_out.get((ts0 + k) & 0xFFFFFFFF)
        if t_sent is None:
            continue
        res["sender"].append((t_sent - mouth) * 1000)
        if not anchored:
            res["receiver"].append((ear - t_sent) * 1000)
        elif wire_in is not None:
            t_in = None
            for t, (seq, ts, pl) in wire_in[bisect.bisect_left(wire_in_times, t_sent):]:
                if t > min(ear, t_sent + 1.0):              # the next click is 2 s later: never take it for this one
                    break
                hit = next((i for i, b in enumerate(pl) if abs(ULAW[b]) > THRESHOLD), None)
                if hit is not None:
                    t_in = t + hit / RATE
                    break
            if t_in is not None:
                res["relay"].append((t_in - t_sent) * 1000)
                res["receiver"].append((ear - t_in) * 1000)
    if capture:
        os.remove(pcap)
    return res


def baresip_dir(tmp, name, ext, listen, wav, extra):
    return baresip_conf.baresip_dir(tmp, name, ext, listen, wav, PORT, f"regint=600;audio_codecs=PCMU{extra}",
                                    modules=["sndfile.so"], config_extra=[f"snd_path {os.path.join(tmp, name)}"])


def baresip_call(tmp, clicks_wav, seconds, run):
    """baresip 103 calls baresip 102 through our server, plain RTP (media phone to phone). The callee runs under
    strace, which timestamps each write(2) of its sndfile dump of the decoded audio (libsndfile writes what it is
    given at once, unbuffered: one write per decoded frame); the click's packet is found on the wire by its PCMU
    payload."""
    cd = baresip_dir(tmp, f"bs-callee-{run}", 102, 27400, clicks_wav, ";answermode=auto")
    rd = baresip_dir(tmp, f"bs-caller-{run}", 103, 27420, clicks_wav, "")
    pcap = os.path.join(tmp, f"baresip-{run}.pcap")
    trace = os.path.join(tmp, f"baresip-{run}.strace")
    dump = subprocess.Popen(["dumpcap", "-q", "-P", "-i", "lo", "-f", "udp", "-s", "1600", "-w", pcap],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    callee = caller = None
    try:
        callee = Proc(["strace", "-f", "-ttt", "-y", "-e", "trace=write", "-o", trace, "baresip", "-f", cd,
                       "-t", str(seconds + 60)], stdin=True)
        if callee.wait_for_text("200 OK", 60) is None:
            raise RuntimeError("baresip callee did not register: " + " | ".join(callee.lines[-5:]))
        caller = Proc(["baresip", "-f", rd, "-t", str(seconds + 60), "-e", "/dial 102"], stdin=True)
        if caller.wait_for_text("established", 60) is None:
            raise RuntimeError("baresip call was not established: " + " | ".join(caller.lines[-5:]))
        time.sleep(seconds)
        caller.send("/hangup\n")
        callee.wait_for_text("terminated", 10)
    finally:
        for p in (caller, callee):
            if p:
                p.stop()
        time.sleep(0.5)
        dump.terminate()
        dump.wait(10)
    decs = [f for f in os.listdir(cd) if f.endswith("-dec.wav")]
    if len(decs) != 1:
        raise RuntimeError(f"expected one sndfile dec dump in {cd}, found {decs}")
    dec = os.path.join(cd, decs[0])
    heard = read_wav(dec)
    header = os.path.getsize(dec) - 2 * len(heard)   # libsndfile writes the WAV header first, data after it
    starts, times = [], []                           # first sample and strace time of each data write, in order
    pat = re.compile(r"^\d+\s+([\d.]+) write\(\d+<([^>]*)>, .*\) = (\d+)$")
    at = 0
    with open(trace) as f:
        for line in f:
            m = pat.match(line.strip())
            if not m or not m.group(2).endswith(decs[0]):
                continue
            size = int(m.group(3))
            if header <= at < header + 2 * len(heard):
                starts.append((at - header) // 2)
                times.append(float(m.group(1)))
            at += size                               # the header rewrite at close lands past the data: ignored
    if not starts or starts[-1] < len(heard) - RATE:
        raise RuntimeError(f"strace saw writes up to sample {starts[-1] if starts else 0} of {len(heard)}")
    pkts = capture_packets(pcap, set(range(1024, 65536)))
    res = {"mode": "baresip-rtp", "total": [], "sender": [], "relay": [], "receiver": [], "jb": [],
           "spread": [0, 0, 0, 0], "slew": 0.0, "last_stats": "", "missing": 0}
    # the caller's stream: RTP (PT 0) packets into the callee's RTP port, taken from the callee's 200 OK SDP
    sip = [x for x in pkts if x[1] == PORT or x[2] == PORT]
    _, pe = media_ports(sip)
    into = [(t, r) for t, s_, d, pl in pkts if d == pe and (r := rtp(pl)) and (pl[1] & 0x7F) == 0]
    last_t = 0
    for t, (seq, ts, pl) in into:
        hit = next((i for i, b in enumerate(pl) if abs(ULAW[b]) > THRESHOLD), None)
        if hit is None or t < last_t + 1.0:
            continue
        last_t = t
        t_wire = t + hit / RATE                       # where the click's sample sits in the packet's audio
        first = bisect.bisect_left(times, t)
        if first >= len(starts):
            res["missing"] += 1
            continue
        j = onset(heard, starts[first], starts[first] + RATE)   # the first onset written after the packet came
        if j is None:
            res["missing"] += 1
            continue
        w = bisect.bisect_right(starts, j) - 1
        ear = times[w] + (j - starts[w]) / RATE
        res["receiver"].append((ear - t_wire) * 1000)
    os.remove(pcap)
    return res


# ------------------------------------------------------------------ report

def mmm(v):
    if not v:
        return "–"
    return f"{min(v):.1f} / **{statistics.median(v):.1f}** / {max(v):.1f}"


def in_own_netns():
    """Reruns this script in a network namespace of its own (baresip picks a non-loopback address for media, so it
    must not see the machine's interfaces): lo, plus a veth with 10.99.0.1 that only this namespace has."""
    ns = f"clicklat{os.getpid()}"
    ipn = ["ip", "-n", ns]
    subprocess.run(["ip", "netns", "add", ns], check=True)
    try:
        for cmd in (["link", "set", "lo", "up"], ["link", "add", "v0", "type", "veth", "peer", "name", "v1"],
                    ["addr", "add", "10.99.0.1/24", "dev", "v0"], ["link", "set", "v0", "up"],
                    ["link", "set", "v1", "up"]):
            subprocess.run(ipn + cmd, check=True)
        env = dict(os.environ, CLICK_LATENCY_NETNS=ns)
        return subprocess.run(["ip", "netns", "exec", ns, sys.executable] + sys.argv, env=env).returncode
    finally:
        subprocess.run(["ip", "netns", "del", ns])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seconds", type=int, default=24, help="call length; one click per 2 s from 1 s on")
    ap.add_argument("--modes", default=",".join(MODES[:4]), help=f"comma-separated, of {', '.join(MODES)}")
    ap.add_argument("--build-dir", default="target-bench")
    ap.add_argument("--no-capture", action="store_true", help="totals only, no dumpcap")
    ap.add_argument("--server-jar", help="this server jar instead of the build dir's (e.g. an older build)")
    ap.add_argument("--restart-server", action="store_true",
                    help="a fresh server per run (its first calls run on a cold JVM)")
    a = ap.parse_args()
    modes = [m.strip() for m in a.modes.split(",") if m.strip()]
    for m in modes:
        if m not in MODES:
            sys.exit(f"unknown mode {m} (one of {', '.join(MODES)})")
    if any(m.startswith("baresip") for m in modes):
        if not (shutil.which("baresip") and shutil.which("strace") and shutil.which("dumpcap")
                and os.geteuid() == 0):
            sys.exit("baresip-rtp needs root, baresip (baresip-core), strace and dumpcap")
        if os.environ.get("CLICK_LATENCY_NETNS") is None:
            sys.exit(in_own_netns())
    capture = not a.no_capture and shutil.which("dumpcap") and os.geteuid() == 0
    if not capture and not a.no_capture:
        print("no capture (needs root and dumpcap): totals only", flush=True)
    server_jar = a.server_jar or os.path.join(ROOT, "server-app", a.build_dir, "minisipserver.jar")
    phone_jar = os.path.join(ROOT, "phone-app", a.build_dir, "minisipphone.jar")
    for j in (server_jar, phone_jar):
        if not os.path.exists(j):
            sys.exit(f"missing {j}: mvn -B -q -DskipTests -Dminisip.buildDir={a.build_dir} package")
    tmp = tempfile.mkdtemp(prefix="click-latency-")
    clicks = os.path.join(tmp, "clicks.wav")
    write_clicks(clicks, a.seconds)
    print(f"load average at the start: {' '.join(open('/proc/loadavg').read().split()[:3])}", flush=True)
    srv = None
    results = {m: [] for m in modes}
    try:
        for run in range(a.runs):
            if srv is None or a.restart_server:
                if srv is not None:
                    srv.stop()
                    shutil.rmtree(os.path.join(tmp, "server"), ignore_errors=True)
                srv = start_server(tmp, server_jar)
            for m in modes:
                try:
                    r = (baresip_call(tmp, clicks, a.seconds, run) if m.startswith("baresip")
                         else one_call(m, phone_jar, tmp, clicks, a.seconds, run, capture))
                except (RuntimeError, subprocess.CalledProcessError) as e:
                    print(f"run {run} {m}: {e}", flush=True)
                    continue
                results[m].append(r)
                print(f"run {run} {m:13s} clicks {len(r['total'])} (missing {r['missing']}) total ms {mmm(r['total'])}"
                      f" | sender {mmm(r['sender'])} | relay {mmm(r['relay'])} | receiver {mmm(r['receiver'])}"
                      f" | jb-delay-ms {mmm(r['jb'])} | record spread {r['spread'][0]:.2f}..{r['spread'][1]:.2f} ms"
                      f" (p1..p99 {r['spread'][2]:.1f}..{r['spread'][3]:.1f})"
                      f" | clock slew {r['slew']:.3f} ms | {r['last_stats']}", flush=True)
    finally:
        if srv is not None:
            srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    print("\n| ms, min / median / max over clicks | clicks | added latency (mouth→ear) | sender (file→wire) "
          "| server relay (wire→wire) | receiver (wire→recording) | jitter-buffer delay reported (0.2 s samples) "
          "| recording write spread | clock slew |")
    print("|---|---|---|---|---|---|---|---|---|")
    for m in modes:
        rs = results[m]
        if not rs:
            continue
        cat = {key: [x for r in rs for x in r[key]] for key in ("total", "sender", "relay", "receiver", "jb")}
        spread = (min(r["spread"][0] for r in rs), max(r["spread"][1] for r in rs),
                  min(r["spread"][2] for r in rs), max(r["spread"][3] for r in rs))
        slew = max(abs(r["slew"]) for r in rs)
        relay = mmm(cat["relay"]) if m.startswith("anchored") else "0 (direct)"
        if m.startswith("baresip"):
            print(f"| {m} ({len(rs)} calls) | {len(cat['receiver'])} (missing {sum(r['missing'] for r in rs)}) "
                  f"| n/a (no playout clock with files) | n/a | {relay} | {mmm(cat['receiver'])} | n/a (fixed, "
                  f"not reported) | strace time of each write | n/a |")
            continue
        print(f"| {m} ({len(rs)} calls) | {len(cat['total'])} (missing {sum(r['missing'] for r in rs)}) "
              f"| {mmm(cat['total'])} | {mmm(cat['sender'])} | {relay} | {mmm(cat['receiver'])} | {mmm(cat['jb'])} "
              f"| {spread[0]:.1f}..{spread[1]:.1f} (p1..p99 {spread[2]:.1f}..{spread[3]:.1f}) | {slew:.3f} |")

    ours = [x for r in results.get("direct-rtp", []) for x in r["receiver"]]
    theirs = [x for r in results.get("baresip-rtp", []) for x in r["receiver"]]
    if ours and theirs:
        print(f"\nreceiver side (wire → written after the jitter buffer), plain RTP, direct media: ours "
              f"{mmm(ours)} ms (n={len(ours)}), baresip {mmm(theirs)} ms (n={len(theirs)}), ours / baresip "
              f"(medians) {statistics.median(ours) / statistics.median(theirs):.2f}×")


if __name__ == "__main__":
    main()
