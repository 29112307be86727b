#!/usr/bin/env python3
"""Heap of the server before and after N minutes of malformed SIP at a fixed rate.

Starts the server jar on 127.0.0.1 (UDP+TCP on a free port, own temp data dir), measures the live heap after a
full GC (`jcmd GC.run` + `GC.heap_info`), then sends --rate malformed messages per second for --minutes
(mutated valid messages plus the RFC 4475 invalid ones; 1 in 10 over a fresh TCP connection, the rest UDP) from
127.0.0.3, which the config whitelists so every message reaches the parser and the SIP layer (the flood limit
would otherwise drop most of them early). Every 10 s an OPTIONS from 127.0.0.1 must be answered (liveness);
every minute the live heap is sampled. After the run it waits for transaction timers (40 s), GCs and measures
again. Prints one JSON line with the figures.

  python3 bench/heap_flood.py --minutes 10 --rate 200 --jar server-app/target/minisipserver.jar
"""
import argparse, json, os, random, re, shutil, socket, subprocess, sys, tempfile, time, uuid

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "testdata", "rfc4475")
INVALID = ["badinv01", "clerr", "scalar02", "scalarlg", "quotbal", "ltgtruri", "lwsruri", "lwsstart", "trws",
           "escruri", "baddate", "regbadct", "badaspec", "baddn", "badvers", "mismatch01", "mismatch02", "multi01",
           "ncl", "insuf", "bigcode", "badbranch", "mcl01"]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seeds(port):
    def msg(method, extra="", body=""):
        b = "z9hG4bK" + uuid.uuid4().hex
        return (f"{method} sip:101@127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.3:5999;branch={b};rport\r\n"
                f"Max-Forwards: 70\r\nFrom: \"F\" <sip:100@127.0.0.1>;tag={b[8:16]}\r\nTo: <sip:101@127.0.0.1>\r\n"
                f"Call-ID: {b}@h\r\nCSeq: 1 {method}\r\nContact: <sip:100@127.0.0.3:5999>\r\n{extra}"
                f"Content-Length: {len(body)}\r\n\r\n{body}").encode()
    sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.3\r\ns=-\r\nc=IN IP4 127.0.0.3\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
    out = [msg("OPTIONS"), msg("REGISTER", "Expires: 600\r\n"),
           msg("INVITE", "Content-Type: application/sdp\r\n", sdp), msg("BYE"), msg("MESSAGE", "", "hello")]
    if os.path.isdir(CORPUS):
        for f in sorted(os.listdir(CORPUS)):
            if f.endswith(".dat"):
                out.append(open(os.path.join(CORPUS, f), "rb").read())
    return out


def mutate(rng, data, invalid_files):
    if invalid_files and rng.random() < 0.1:
        return rng.choice(invalid_files)
    b = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        op = rng.randrange(8)
        i = rng.randrange(max(1, len(b)))
        if op == 0 and b:
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1:
            b[i:i] = bytes([rng.randrange(256)])
        elif op == 2 and b:
            del b[i:i + rng.randint(1, 20)]
        elif op == 3:
            b = b[:i]
        elif op == 4:
            b = re.sub(rb"Content-Length: *\d+", b"Content-Length: " + str(rng.choice(
                [-1, 0, 99999999, 2 ** 31, rng.randrange(5000)])).encode(), bytes(b))
            b = bytearray(b)
        elif op == 5:
            b[i:i] = b"X-Junk: " + b"A" * rng.randrange(3000) + b"\r\n"
        elif op == 6:
            b[i:i] = b"\r\n"
        else:
            b = bytearray(bytes(b).replace(b"\r\n", b"\n", rng.randint(1, 5)))
    return bytes(b[:60000])


def live_heap_kb(pid):
    for _ in range(2):
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, timeout=60)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"used (\d+)K", out)
    return int(m.group(1)) if m else -1


def options_answered(port):
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        s.settimeout(3)
        b = "z9hG4bK" + uuid.uuid4().hex
        lp = s.getsockname()[1]
        s.sendto((f"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{lp};branch={b};rport\r\n"
                  f"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                  f"Call-ID: {b}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n").encode(), ("127.0.0.1", port))
        try:
            while True:
                data = s.recv(65535)
                if data.startswith(b"SIP/2.0 200"):
                    return True
        except socket.timeout:
            return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--minutes", type=float, default=10)
    ap.add_argument("--rate", type=int, default=200)
    ap.add_argument("--jar", default="server-app/target/minisipserver.jar")
    ap.add_argument("--seed", type=int, default=4475)
    a = ap.parse_args()
    port = free_port()
    work = tempfile.mkdtemp(prefix="heap-flood-")
    with open(os.path.join(work, "server.yaml"), "w") as f:
        f.write(f"sip:\n  bind: 127.0.0.1\n  udp-port: {port}\n  tcp-port: {port}\n  tls-port: 0\n"
                "security:\n  whitelist: [127.0.0.3]\nextensions:\n  - {number: \"100\", password: \"pw-100\"}\n")
    log = open(os.path.join(work, "server.log"), "w")
    srv = subprocess.Popen(["java", "-jar", a.jar, "--data-dir", work], stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            if "listening" in open(os.path.join(work, "server.log")).read():
                break
            time.sleep(0.2)
        time.sleep(5)
        before = live_heap_kb(srv.pid)
        rng = random.Random(a.seed)
        base = seeds(port)
        invalid = [open(os.path.join(CORPUS, n + ".dat"), "rb").read() for n in INVALID
                   if os.path.exists(os.path.join(CORPUS, n + ".dat"))]
        udp = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        udp.bind(("127.0.0.3", 0))
        sent = tcp_sent = liveness_fail = liveness_checks = 0
        samples = []
        start = time.time()
        end = start + a.minutes * 60
        next_live = start + 10
        next_sample = start + 60
        while time.time() < end and srv.poll() is None:
            tick = time.time()
            for _ in range(a.rate // 10):
                m = mutate(rng, rng.choice(base), invalid)
                if rng.random() < 0.1:
                    try:
                        with socket.create_connection(("127.0.0.1", port), timeout=1,
                                                      source_address=("127.0.0.3", 0)) as t:
                            t.sendall(m)
                        tcp_sent += 1
                    except OSError:
                        pass
                else:
                    udp.sendto(m, ("127.0.0.1", port))
                sent += 1
            now = time.time()
            if now >= next_live:
                liveness_checks += 1
                liveness_fail += 0 if options_answered(port) else 1
                next_live += 10
            if now >= next_sample:
                samples.append(live_heap_kb(srv.pid))
                next_sample += 60
            time.sleep(max(0, 0.1 - (time.time() - tick)))
        elapsed = time.time() - start
        alive = srv.poll() is None
        time.sleep(40)
        after = live_heap_kb(srv.pid) if srv.poll() is None else -1
        print(json.dumps({"minutes": round(elapsed / 60, 2), "messages": sent, "tcp_messages": tcp_sent,
                          "rate_per_s": round(sent / elapsed, 1), "heap_before_kb": before,
                          "heap_samples_kb": samples, "heap_after_kb": after, "server_alive": alive,
                          "liveness_checks": liveness_checks, "liveness_failures": liveness_fail,
                          "log": os.path.join(work, "server.log")}))
    finally:
        srv.terminate()
        try:
            srv.wait(10)
        except subprocess.TimeoutExpired:
            srv.kill()


if __name__ == "__main__":
    sys.exit(main())
