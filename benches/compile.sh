#!/usr/bin/env bash
# Compile benchmark (not part of `cargo test` or CI): builds the 14 fixture
# reports (tests/fixtures/reports/*.toml) as DOCX, copies them to N files
# (default 60), and times one `gcm-review compile --region ECE` run in
# release mode, start-up, reading, checking and the DOCX included.
# Figures are recorded in benches/README.md. Target: under 1 s for 60 reports.
#
#   bash benches/compile.sh          # 60 reports
#   N=300 bash benches/compile.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-60}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release --quiet --bin gcm-review
GCM_FIXTURES_OUT="$WORK/fixtures" cargo test --release --quiet --test docx_reports \
  -- --ignored write_fixtures >/dev/null 2>&1
mkdir -p "$WORK/in"
mapfile -t FIXTURES < <(ls "$WORK/fixtures"/*.docx)
for i in $(seq 1 "$N"); do
  src=${FIXTURES[$(( (i - 1) % ${#FIXTURES[@]} ))]}
  cp "$src" "$WORK/in/$(printf '%03d' "$i")-$(basename "$src")"
done
cat "$WORK"/in/* >/dev/null

echo "cores: $(nproc), load average: $(cut -d' ' -f1-3 /proc/loadavg), reports: $N"
for run in 1 2 3; do
  /usr/bin/time -f "%e %U" -o "$WORK/time" target/release/gcm-review compile "$WORK/in" \
    --region ECE --today 2022-03-01 -o "$WORK/summary.docx" --data "$WORK/summary.json" 2>/dev/null
  read -r t cpu < "$WORK/time"
  echo "run $run: ${t} s wall, ${cpu} s CPU, summary $(stat -c %s "$WORK/summary.docx") bytes"
done
