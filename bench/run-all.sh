#!/usr/bin/env bash
# Every issue-16 benchmark, one after another, PASSES times (default 2), each with the load average
# beside it: `npm run bench:all` (after `npm run infra:up`). Built once; each line is the bench:*
# script without its build step. Prints as it goes; keep the output (`| tee bench.log`).
set -uo pipefail
cd "$(dirname "$0")/.."
npm run -s bench:build
load() { cut -d' ' -f1-3 /proc/loadavg; }
for pass in $(seq 1 "${PASSES:-2}"); do
  for bench in \
    "event-store|dist/bench/event-store/append.bench.js" \
    "tickets|dist/bench/tickets/http.bench.js" \
    "sla|--expose-gc dist/bench/sla/clocks.bench.js" \
    "sla-burst|--expose-gc dist/bench/sla/clocks.bench.js" \
    "lists|dist/bench/read-models/lists.bench.js" \
    "rebuild|dist/bench/read-models/rebuild.bench.js" \
    "pipeline|dist/bench/messaging/pipeline.bench.js"; do
    name=${bench%%|*}
    read -ra args <<<"${bench#*|}"
    echo "=== pass $pass $name $(date -u +%H:%M:%S) load: $(load)"
    if [ "$name" = sla-burst ]; then
      BENCH_LEAD_SECONDS=60 BENCH_SPREAD_SECONDS=30 timeout 900 node "${args[@]}"
    else
      timeout 900 node "${args[@]}"
    fi
    echo "=== end $name $(date -u +%H:%M:%S) load: $(load) exit $?"
  done
done
