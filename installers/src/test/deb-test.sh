#!/bin/bash
# Interop-profile test of the .deb packages (mvn -B verify -Pinterop,deb[,deb-arm64]; root needed):
#  amd64: dpkg-deb -I/-c, lintian (no errors), install both into a CLEAN Debian 11 root made with debootstrap
#         (apt resolves Depends and Recommends there), the phone's window under Xvfb, minisipserver-cli --version, start the server and get 200 to OPTIONS
#         (inside a network namespace this test creates), minisipphone --headless --help, apt remove, nothing
#         of ours left in /opt, /usr/bin, /usr/share/applications, /lib/systemd; glibc floor with objdump -T.
#  arm64 (when the arm64 pair was built): every ELF is aarch64, the runtime's java -version and the server
#         launcher's --version run under qemu-aarch64-static with a Debian 11 arm64 sysroot; glibc floor.
# Prints sizes, installed sizes and timings for docs/BENCHMARKS.md.
#   deb-test.sh DEB_DIR VERSION [ARM64_FETCH_DIR]      (VERSION: the pom version, e.g. 10.0.0-SNAPSHOT)
set -euo pipefail
DIR=$(cd "$1" && pwd); MAJOR=${2%%.*}; ARMDIR=${3:-}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
CACHE=${MINISIP_CACHE:-$HOME/.cache/minisip}
ARCH=$(dpkg --print-architecture)
PHONE=$DIR/msp_v${MAJOR}_${ARCH}.deb; SERVER=$DIR/mss_v${MAJOR}_${ARCH}.deb
T=$(mktemp -d /tmp/deb-test.XXXXXX); ROOT=$T/root; NS=debt$$; SRV_PID=
fail () { echo "deb-test: FAIL: $*" >&2; exit 1; }
step () { echo "== deb-test: $*"; }
cleanup () {
    [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null || true
    ip netns pids "$NS" 2>/dev/null | xargs -r kill -9 2>/dev/null || true
    ip netns del "$NS" 2>/dev/null || true
    [ -n "${PHONE_PID:-}" ] && kill "$PHONE_PID" 2>/dev/null || true
    [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null || true
    for m in "$ROOT/tmp/.X11-unix" "$ROOT/proc" "$ROOT/dev/pts" "$ROOT/dev" "$ROOT/sys"; do mountpoint -q "$m" && umount -l "$m"; done
    rm -rf "$T"
}
trap cleanup EXIT
for t in dpkg-deb lintian debootstrap objdump file ip python3; do command -v $t >/dev/null || fail "$t missing"; done
[ "$(id -u)" = 0 ] || fail "needs root (debootstrap, chroot, network namespace)"

glibc_floor () { find "$@" -type f -exec sh -c 'file -b "$1" | grep -q ^ELF && objdump -T "$1"' _ {} \; 2>/dev/null \
    | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1; }
size_line () { printf '%s: %s bytes, Installed-Size %s KiB\n' "$(basename "$1")" "$(stat -c %s "$1")" \
    "$(dpkg-deb -f "$1" Installed-Size)"; }

step "package metadata ($ARCH)"
for d in "$PHONE" "$SERVER"; do
    [ -f "$d" ] || fail "missing $d"
    for f in Package Version Architecture Section Maintainer Installed-Size Depends Description; do
        [ -n "$(dpkg-deb -f "$d" $f)" ] || fail "$(basename "$d") has no $f"
    done
    dpkg-deb -c "$d" > "$T/contents"
    grep -q ' ./opt/' "$T/contents" || fail "$(basename "$d") installs nothing under /opt"
    size_line "$d"
done
[ "$(dpkg-deb -f "$PHONE" Package)" = minisipphone ] && [ "$(dpkg-deb -f "$SERVER" Package)" = minisipserver ] \
    || fail "package names"
step lintian
lint_rc=0; lintian --fail-on error "$DIR"/ms[ps]_v"${MAJOR}"_*.deb > "$T/lintian" 2>&1 || lint_rc=$?
grep -v 'root privileges' "$T/lintian" || true
[ "$lint_rc" = 0 ] || fail "lintian reported errors (exit $lint_rc)"

step "clean Debian 11 root (debootstrap, cached as $CACHE/bullseye-minbase.tar)"
mkdir -p "$CACHE" "$ROOT"
if [ ! -f "$CACHE/bullseye-minbase.tar" ]; then
    debootstrap --variant=minbase bullseye "$T/boot" "$MIRROR" > "$T/debootstrap.log" 2>&1 \
        || { tail -20 "$T/debootstrap.log"; fail debootstrap; }
    tar -C "$T/boot" -cf "$CACHE/bullseye-minbase.tar.tmp" . && mv "$CACHE/bullseye-minbase.tar.tmp" "$CACHE/bullseye-minbase.tar"
    rm -rf "$T/boot"
fi
tar -C "$ROOT" -xf "$CACHE/bullseye-minbase.tar"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mount -t proc proc "$ROOT/proc"; mount --bind /dev "$ROOT/dev"; mount -t sysfs sys "$ROOT/sys"
echo "deb-test: root glibc $(chroot "$ROOT" ldd --version | head -1 | grep -o '[0-9.]*$')"
cp "$PHONE" "$SERVER" "$ROOT/tmp/"
in_root () { chroot "$ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root DEBIAN_FRONTEND=noninteractive "$@"; }

step "apt-get install both packages into the clean root"
in_root apt-get update -q > "$T/apt.log" 2>&1 || { tail "$T/apt.log"; fail "apt-get update in root"; }
in_root apt-get install -y -q "/tmp/$(basename "$PHONE")" "/tmp/$(basename "$SERVER")" \
    > "$T/apt.log" 2>&1 || { tail -30 "$T/apt.log"; fail "apt-get install"; }
for f in /usr/bin/minisipphone /usr/bin/minisipserver-cli /usr/share/applications/minisipphone.desktop \
         /usr/share/icons/hicolor/scalable/apps/minisipphone.svg /usr/share/icons/hicolor/48x48/apps/minisipphone.png \
         /lib/systemd/system/minisipserver.service /opt/minisipphone/bin/minisipphone /opt/minisipserver/bin/minisipserver-cli; do
    in_root test -e "$f" || fail "missing $f after install"   # symlinks into /opt resolve inside the root
done
in_root getent passwd minisipserver >/dev/null || fail "no system user minisipserver"
[ "$(stat -c %a "$ROOT/var/lib/minisipserver")" = 750 ] || fail "/var/lib/minisipserver not 0750"
echo "deb-test: installed glibc floor (amd64): $(glibc_floor "$ROOT/opt/minisipphone" "$ROOT/opt/minisipserver")"

step "launchers"
in_root minisipserver-cli --version | tee "$T/v" ; grep -q "minisipserver $MAJOR" "$T/v" || fail "server --version"
in_root minisipphone --headless --help > "$T/h" 2>&1 || fail "phone --headless --help"
grep -q -- '--account' "$T/h" || fail "phone help text"

step "installed phone shows its window under Xvfb (cold start)"
for t in Xvfb xwininfo; do command -v $t >/dev/null || fail "$t missing (apt-get install xvfb x11-utils)"; done
D=$(( 90 + $$ % 100 ))
while [ -e "/tmp/.X11-unix/X$D" ] || [ -e "/tmp/.X$D-lock" ]; do D=$((D + 1)); done
Xvfb ":$D" -screen 0 1920x1080x24 -nolisten tcp > "$T/xvfb.log" 2>&1 & XVFB_PID=$!
for _ in $(seq 100); do [ -e "/tmp/.X11-unix/X$D" ] && break; sleep 0.1; done
mkdir -p "$ROOT/tmp/.X11-unix"; mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix"
start=$(date +%s%N)
chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root DISPLAY=":$D" minisipphone > "$T/phone.log" 2>&1 & PHONE_PID=$!
shown=false
for _ in $(seq 1200); do   # up to 120 s
    if xwininfo -display ":$D" -name "minisip phone" 2>/dev/null | grep -q 'IsViewable'; then shown=true; break; fi
    kill -0 "$PHONE_PID" 2>/dev/null || break
    sleep 0.1
done
ms=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$PHONE_PID" 2>/dev/null || true; wait "$PHONE_PID" 2>/dev/null || true
kill "$XVFB_PID" 2>/dev/null || true; wait "$XVFB_PID" 2>/dev/null || true
umount -l "$ROOT/tmp/.X11-unix"
$shown || { tail -30 "$T/phone.log"; fail "the installed phone showed no 'minisip phone' window"; }
echo "deb-test: phone cold start to visible window (Xvfb): $ms ms"

step "server in the root answers OPTIONS (network namespace $NS)"
ip netns add "$NS"; ip netns exec "$NS" ip link set lo up
start=$(date +%s%N)
ip netns exec "$NS" chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/var/lib/minisipserver \
    /usr/bin/minisipserver-cli --data-dir /var/lib/minisipserver > "$T/srv.log" 2>&1 & SRV_PID=$!
ip netns exec "$NS" python3 - <<'EOF' || { cat "$T/srv.log"; fail "no 200 to OPTIONS"; }
import socket, time, uuid
deadline = time.time() + 60
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", 0)); s.settimeout(0.2)
port = s.getsockname()[1]
while time.time() < deadline:
    cid = uuid.uuid4().hex
    msg = (f"OPTIONS sip:127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{port};branch=z9hG4bK{cid}\r\n"
           f"Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=t{cid[:8]}\r\nTo: <sip:127.0.0.1>\r\n"
           f"Call-ID: {cid}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
    s.sendto(msg.encode(), ("127.0.0.1", 5060))
    try:
        data = s.recv(65535).decode(errors="replace")
        if data.startswith("SIP/2.0 200"):
            print("deb-test: OPTIONS -> " + data.splitlines()[0]); raise SystemExit(0)
    except (socket.timeout, ConnectionRefusedError):
        time.sleep(0.05)
raise SystemExit(1)
EOF
echo "deb-test: server cold start to 200 OPTIONS: $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=

step "apt-get remove leaves nothing"
in_root apt-get remove -y -q minisipphone minisipserver > "$T/apt.log" 2>&1 || { tail "$T/apt.log"; fail "apt-get remove"; }
for p in /opt/minisipphone /opt/minisipserver /usr/bin/minisipphone /usr/bin/minisipserver-cli \
         /usr/share/applications/minisipphone.desktop /lib/systemd/system/minisipserver.service \
         /usr/share/icons/hicolor/scalable/apps/minisipphone.svg; do
    [ -e "$ROOT$p" ] || [ -L "$ROOT$p" ] && fail "$p left after apt-get remove"
done
[ ! -d "$ROOT/opt" ] || [ -z "$(ls -A "$ROOT/opt")" ] || fail "/opt not empty after remove: $(ls -A "$ROOT/opt")"
in_root apt-get purge -y -q minisipserver > "$T/apt.log" 2>&1 || fail "apt-get purge"
[ ! -e "$ROOT/var/lib/minisipserver" ] || fail "purge left /var/lib/minisipserver"

if [ -f "$DIR/msp_v${MAJOR}_arm64.deb" ]; then
    step "arm64 pair"
    [ -n "$ARMDIR" ] && [ -d "$ARMDIR/sysroot" ] || fail "arm64 debs present but no sysroot dir given"
    command -v qemu-aarch64-static >/dev/null || fail "qemu-aarch64-static missing (apt-get install qemu-user-static)"
    for d in "$DIR/msp_v${MAJOR}_arm64.deb" "$DIR/mss_v${MAJOR}_arm64.deb"; do
        [ "$(dpkg-deb -f "$d" Architecture)" = arm64 ] || fail "$(basename "$d") Architecture"
        size_line "$d"
        x=$T/$(basename "$d" .deb); dpkg-deb -x "$d" "$x"
        n=0; while read -r f; do
            desc=$(file -b "$f"); case $desc in ELF*) n=$((n+1)); grep -q 'ARM aarch64' <<<"$desc" || fail "not aarch64: $f ($desc)";; esac
        done < <(find "$x" -type f)
        echo "deb-test: $(basename "$d"): $n ELF files, all aarch64; glibc floor $(glibc_floor "$x")"
    done
    rt=$T/mss_v${MAJOR}_arm64/opt/minisipserver/lib/runtime
    qemu-aarch64-static -L "$ARMDIR/sysroot" "$rt/bin/java" -version 2>&1 | tee "$T/jv"
    grep -q 'openjdk version "17' "$T/jv" || fail "arm64 java -version under qemu"
    qemu-aarch64-static -L "$ARMDIR/sysroot" "$T/mss_v${MAJOR}_arm64/opt/minisipserver/bin/minisipserver-cli" --version \
        | tee "$T/v"; grep -q "minisipserver $MAJOR" "$T/v" || fail "arm64 launcher --version under qemu"
fi
echo "deb-test: OK"
