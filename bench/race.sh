#!/usr/bin/env bash
# The race between an editor saving notes and `ike fix`, counted (docs/safety.md).
#
#   bench/race.sh [TRIALS] [JOBS]      (defaults: 10000 trials of each writer kind, 4 jobs)
#
# Builds ike and the race example in release, then runs TRIALS trials with a writer that
# saves by rename (vim, JetBrains) and TRIALS with one that writes in place (VS Code).
# Each prints one summary line; the script fails if any save was lost.
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-10000}"
jobs="${2:-4}"
cargo build --locked --release --bin ike --example race
status=0
for kind in rename in-place; do
  target/release/examples/race --ike target/release/ike --kind "$kind" \
    --trials "$trials" --jobs "$jobs" || status=1
done
exit "$status"
