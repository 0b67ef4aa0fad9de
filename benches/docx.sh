#!/usr/bin/env bash
# `check` on 10-, 50- and 200-page Word reports against a plain zip + quick-xml
# scan in the same run, plus the binary's peak memory on each report.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${WORK:-$(mktemp -d)}"
cargo build --release --locked --quiet --bin gcm-review
cargo bench --locked --quiet --bench docx_pages -- generate "$work" >/dev/null
cargo bench --locked --quiet --bench docx_pages -- compare "$work"
# Real Word files of other projects, when the shared corpus is beside the project.
if [ -d ../shared/corpus/docx-real ]; then
  echo
  cargo bench --locked --quiet --bench docx_pages -- corpus ../shared/corpus/docx-real | tail -1
fi
echo
echo "| pages | peak RSS of \`gcm-review check\` |"
echo "|---|---|"
for pages in 10 50 200; do
  python3 - "$work/report-$pages.docx" "$pages" <<'PY'
import resource, subprocess, sys
subprocess.run(["target/release/gcm-review", "check", "--format", "json", sys.argv[1]], stdout=subprocess.DEVNULL)
kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(f"| {sys.argv[2]} | {kb/1024:.1f} MiB |")
PY
done
