#!/usr/bin/env bash
# Batch benchmark (not part of `cargo test` or CI): checks N copies (default
# 1,000) of a 10-page report in one run of `gcm-review check`, and compares
# with a sequential zip + quick-xml scan of the same files (the
# `batch_corpus` bench target). Figures are recorded in benches/README.md.
#
#   bash benches/batch.sh            # 1,000 copies, --jobs 1 and 2
#   N=200 bash benches/batch.sh      # quicker
#   RUNS=9 bash benches/batch.sh     # more runs per figure (default 5; medians)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-1000}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet --bin gcm-review
CORPUS=$(cargo bench --quiet --bench batch_corpus --no-run --message-format=json 2>/dev/null \
  | python3 -c 'import sys, json
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "batch_corpus" and m.get("executable"):
        print(m["executable"])')
BIN=target/release/gcm-review

"$CORPUS" gen "$WORK" "$N"
RUNS=${RUNS:-5}
# Median wall-clock and CPU (user + system) seconds of RUNS runs of one
# command, to the millisecond: "wall cpu". (`/usr/bin/time` counts in 10 ms
# steps, too coarse for runs of 0.05 s.)
seconds() {
  python3 - "$RUNS" "$@" <<'PY'
import resource, statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
walls, cpus = [], []
for _ in range(runs):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    walls.append(time.perf_counter() - start)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
print(f"{statistics.median(walls):.3f} {statistics.median(cpus):.3f}")
PY
}
# Median of RUNS sequential scans, as the scan itself times its loop.
scan_seconds() {
  for _ in $(seq "$RUNS"); do "$CORPUS" scan "$1" | sed -E 's/.* ([0-9.]+) s$/\1/'; done \
    | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Warm the page cache so both sides read from memory.
cat "$WORK"/json/* "$WORK"/docx/* >/dev/null

echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for kind in json docx; do
  scan=$(scan_seconds "$WORK/$kind")
  echo "$kind: sequential scan ${scan} s (median of $RUNS)"
  for jobs in 1 2; do
    read -r t cpu < <(seconds "$BIN" check --format jsonl --jobs "$jobs" --today 2022-03-01 "$WORK/$kind")
    ratio=$(echo "scale=2; $t / $scan" | bc)
    echo "$kind: gcm-review check --jobs $jobs: ${t} s wall, ${cpu} s CPU, medians of $RUNS (ratio to scan ${ratio})"
  done
done
# What the check said about one copy, so a reader of the figures knows
# whether the DOCX side was really read (it is not until the DOCX reader lands).
"$BIN" check --format json --today 2022-03-01 "$WORK/docx/report-0001.docx" \
  | python3 -c 'import sys, json; r = json.load(sys.stdin)["reports"][0]; print("docx copy:", r["status"], [d["code"] for d in r["diagnostics"]][:3])' || true
"$BIN" check --format json --today 2022-03-01 "$WORK/json/report-0001.json" \
  | python3 -c 'import sys, json; r = json.load(sys.stdin)["reports"][0]; print("json copy:", r["status"], [d["code"] for d in r["diagnostics"]][:3])' || true
