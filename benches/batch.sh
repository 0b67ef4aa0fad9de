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

# Warm the page cache so both sides read from memory.
cat "$WORK"/json/* "$WORK"/docx/* >/dev/null

echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# Each round runs the scan, then the check with 1 and 2 jobs, one after the
# other, so a machine that slows down or speeds up during the benchmark (a
# shared virtual machine does) affects both sides alike. Medians of RUNS
# rounds: wall-clock and CPU (user + system) seconds to the millisecond
# (`/usr/bin/time` counts in 10 ms steps, too coarse for runs of 0.05 s);
# the scan as it times its own loop.
python3 - "$RUNS" "$CORPUS" "$BIN" "$WORK" <<'PY'
import re, resource, statistics, subprocess, sys, time
runs, corpus, binary, work = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]

def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime

for kind in ("json", "docx"):
    folder = f"{work}/{kind}"
    scans, checks = [], {1: [], 2: []}
    for _ in range(runs):
        out = subprocess.run([corpus, "scan", folder], capture_output=True, text=True, check=True).stdout
        scans.append(float(re.search(r"([0-9.]+) s$", out.strip()).group(1)))
        for jobs in (1, 2):
            checks[jobs].append(timed([binary, "check", "--format", "jsonl", "--jobs", str(jobs),
                                       "--today", "2022-03-01", folder]))
    scan = statistics.median(scans)
    print(f"{kind}: sequential scan {scan:.3f} s (median of {runs})")
    for jobs in (1, 2):
        wall = statistics.median(w for w, _ in checks[jobs])
        cpu = statistics.median(c for _, c in checks[jobs])
        print(f"{kind}: gcm-review check --jobs {jobs}: {wall:.3f} s wall, {cpu:.3f} s CPU, "
              f"medians of {runs} (ratio to scan {wall / scan:.2f})")
PY
# What the check said about one copy, so a reader of the figures knows
# whether the DOCX side was really read (it is not until the DOCX reader lands).
"$BIN" check --format json --today 2022-03-01 "$WORK/docx/report-0001.docx" \
  | python3 -c 'import sys, json; r = json.load(sys.stdin)["reports"][0]; print("docx copy:", r["status"], [d["code"] for d in r["diagnostics"]][:3])' || true
"$BIN" check --format json --today 2022-03-01 "$WORK/json/report-0001.json" \
  | python3 -c 'import sys, json; r = json.load(sys.stdin)["reports"][0]; print("json copy:", r["status"], [d["code"] for d in r["diagnostics"]][:3])' || true
