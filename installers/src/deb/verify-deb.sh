#!/bin/bash
# Installs the two .debs on THIS machine (root needed), runs both launchers, a TLS registration and an
# SRTP call between two installed phones through the installed server, then removes and purges both and
# checks that nothing is left. Uses ports 5060/5061: run it where nothing else listens there.
#   verify-deb.sh DIR_WITH_DEBS [MAJOR]
set -euo pipefail
DIR=$1; MAJOR=${2:-10}; ARCH=$(dpkg --print-architecture)
PHONE=$DIR/msp_v${MAJOR}_${ARCH}.deb; SERVER=$DIR/mss_v${MAJOR}_${ARCH}.deb
X=$(mktemp -d); SRV_PID=
cleanup () { [ -n "$SRV_PID" ] && kill "$SRV_PID" 2>/dev/null || true; rm -rf "$X"; }
trap cleanup EXIT
step () { echo "== $*"; }

step dpkg-deb -I; dpkg-deb -I "$PHONE" | sed -n '/Package:/,/Description:/p'; dpkg-deb -I "$SERVER" | sed -n '/Package:/,/Description:/p'
step lintian; if command -v lintian >/dev/null; then lintian "$PHONE" "$SERVER" 2>&1 | grep -v 'root privileges' || true; fi
step dpkg --install; dpkg --install "$PHONE" "$SERVER"
for f in /usr/bin/minisipphone /usr/bin/minisipserver-cli /usr/share/applications/minisipphone.desktop \
         /usr/share/icons/hicolor/scalable/apps/minisipphone.svg /usr/share/icons/hicolor/48x48/apps/minisipphone.png \
         /lib/systemd/system/minisipserver.service; do test -e "$f" || { echo "missing $f"; exit 1; }; done
getent passwd minisipserver >/dev/null
test -L /etc/systemd/system/multi-user.target.wants/minisipserver.service   # enabled
test "$(stat -c '%a %U' /var/lib/minisipserver)" = "750 minisipserver"
step glibc floor; find /opt/minisipphone /opt/minisipserver -type f -exec sh -c 'file -b "$1" | grep -q ^ELF && objdump -T "$1"' _ {} \; \
    | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1
step versions; minisipphone --headless --version; minisipserver-cli --version; minisipphone --headless --help >/dev/null
step server; minisipserver-cli --data-dir "$X/data" > "$X/srv.out" 2>&1 & SRV_PID=$!
for _ in $(seq 30); do grep -q '^minisipserver listening' "$X/srv.out" && break; sleep 1; done
cat "$X/srv.out" | grep listening
pw () { sed -n "s/.*extension $1  password //p" "$X/srv.out"; }
CA=$X/data/tls/server.crt
step TLS call with mandatory SRTP between two installed phones
timeout 30 minisipphone --headless --account 'sip:101@127.0.0.1:5061;transport=tls' --password "$(pw 101)" --tls-ca "$CA" \
    --auto-answer > "$X/callee.out" 2>&1 & CALLEE=$!
for _ in $(seq 20); do grep -q '^registered' "$X/callee.out" && break; sleep 1; done
timeout 30 minisipphone --headless --account 'sip:100@127.0.0.1:5061;transport=tls' --password "$(pw 100)" --tls-ca "$CA" \
    --srtp mandatory --call 101 --duration 2 | grep -v WARN
wait "$CALLEE"; grep -v WARN "$X/callee.out"
kill "$SRV_PID"; wait "$SRV_PID" 2>/dev/null || true; SRV_PID=
step apt-get remove; apt-get remove -y minisipphone minisipserver >/dev/null
if ls -d /opt/minisipphone /opt/minisipserver /usr/bin/minisipphone /usr/bin/minisipserver-cli \
        /usr/share/applications/minisipphone.desktop /lib/systemd/system/minisipserver.service \
        /etc/systemd/system/multi-user.target.wants/minisipserver.service 2>/dev/null; then
    echo "left behind after remove"; exit 1; fi
test -d /var/lib/minisipserver   # data survives remove
step apt-get purge; apt-get purge -y minisipphone minisipserver >/dev/null 2>&1
test ! -e /var/lib/minisipserver && ! getent passwd minisipserver >/dev/null
echo "verify-deb: OK"
