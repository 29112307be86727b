#!/usr/bin/env bash
# Wire evidence for docs/TRUNKS.md: runs the trunk ITs (SIPp as carrier on 127.0.0.5, gateway 127.0.0.7,
# stranger 127.0.0.8) under tshark on loopback and prints, per quirk switch, the SIP lines that show it.
# Needs root (capture), tshark, sip-tester, a build. Usage: bench/trunk_capture.sh [buildDir]   (default target)
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="${1:-target}"
OUT="${TMPDIR:-/tmp}/minisip-trunk-capture"
mkdir -p "$OUT"
PCAP="$OUT/trunks.pcap"
tshark -q -i lo -f "host 127.0.0.5 or host 127.0.0.7 or host 127.0.0.8" -w "$PCAP" > "$OUT/tshark.log" 2>&1 &
TSHARK=$!
sleep 2
mvn -B -q -o -Dminisip.buildDir="$BUILD_DIR" -pl server-app verify \
    -Dit.test='TrunkOutboundIT,TrunkRegistrationIT,TrunkInboundIT' -Dtest=NONE \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false > "$OUT/mvn.log" 2>&1 \
    || { echo "ITs failed, see $OUT/mvn.log"; kill "$TSHARK"; exit 1; }
sleep 1
kill -INT "$TSHARK"; wait "$TSHARK" || true
# one line per SIP message: time, src -> dst, first line, Call-ID, CSeq, From, To, credentials present
tshark -r "$PCAP" -Y sip -T fields -E separator='|' -e frame.time_relative -e ip.src -e udp.srcport -e ip.dst \
    -e udp.dstport -e sip.Request-Line -e sip.Status-Line -e sip.Call-ID -e sip.CSeq -e sip.From -e sip.To \
    -e sip.Authorization -e sip.Proxy-Authorization > "$OUT/sip.txt"
echo "capture: $PCAP ($(wc -l < "$OUT/sip.txt") SIP messages), table: $OUT/sip.txt"
