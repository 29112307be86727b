#!/bin/sh
# The server's recording path under packet reordering (see ReorderBench in server-app tests): a 20 ms and a
# 40 ms sender through UDP relays that reorder a share of packets, mixed and recorded; prints the longest silence
# inside each recording. Usage: bench/recording_reorder.sh [BUILD_DIR] [SECONDS]   (after mvn ... test-compile)
set -e
cd "$(dirname "$0")/.."
B=${1:-target}; S=${2:-20}
CP="server-app/$B/test-classes:server-app/$B/classes:shared-sip/$B/classes"
CP="$CP:$(mvn -q -o -Dminisip.buildDir="$B" -pl server-app dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
OUT=$(mktemp -d)
for r in 0 0.05; do
  java -cp "$CP" org.minisip.server.media.ReorderBench "$r" "$S" "$OUT"
done
