#!/usr/bin/env bash
# Runs the baresip interop test (TLS + SRTP call, tones checked both ways) N times and counts passes.
# Needs root (network namespaces) and baresip-core, sox. Usage: bench/baresip_interop_runs.sh [N]
set -u
cd "$(dirname "$0")/.."
n=${1:-10}
mvn -B -q -DskipTests package >/dev/null || exit 1
pass=0
for i in $(seq 1 "$n"); do
  if mvn -B -o -Pinterop verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
       -Dfailsafe.failIfNoSpecifiedTests=false -Dit.test=BaresipInteropIT > "/tmp/baresip-interop-$i.log" 2>&1; then
    pass=$((pass + 1)); echo "run $i: pass"
  else
    echo "run $i: FAIL (log /tmp/baresip-interop-$i.log)"
  fi
done
echo "baresip interop: $pass/$n passed"
