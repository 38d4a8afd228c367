#!/usr/bin/env bash
# bench/watch-latency.sh [SIZES...] — time from a save to the digest rewritten by `ike watch`.
#
# For each size (notes; default 1000 10000 100000) this reuses the generated vault of
# bench/compare.sh (same cache, same naming; generated with the gen-vault example when
# missing), hard-link copies it to a scratch folder (the benchmark edits notes by
# write + rename, which never changes the cached files), and runs the watch-latency
# example on the copy. See docs/performance.md, "Watch latency".
#
# Environment:
#   IKE_BENCH_RUNS     notes edited per size (two saves each; default 10)
#   IKE_BENCH_DEBOUNCE debounce window in ms (default 200)
#   IKE_BENCH_SEED     generator seed (default 1)
#   IKE_BENCH_VAULTS   where generated vaults live (default $CARGO_TARGET_DIR/bench-vaults)
#   CARGO_TARGET_DIR   as for cargo (default target)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
VAULTS=${IKE_BENCH_VAULTS:-$TARGET/bench-vaults}
SEED=${IKE_BENCH_SEED:-1}
RUNS=${IKE_BENCH_RUNS:-10}
DEBOUNCE=${IKE_BENCH_DEBOUNCE:-200}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000); fi

die() { echo "watch-latency.sh: $*" >&2; exit 2; }

have_gen=false
[ -d examples/gen_vault ] && have_gen=true
echo "building the watch-latency example…" >&2
if $have_gen; then
    cargo build --quiet --release --example watch-latency --example gen-vault
    GEN_HASH=$(cat examples/gen_vault/*.rs | sha256sum | cut -c1-10)
else
    cargo build --quiet --release --example watch-latency
fi
BENCH=$TARGET/release/examples/watch-latency

# The vault folder for $1 notes: compare.sh's, generated first when missing and possible.
vault() {
    local n=$1
    if $have_gen; then
        local dir=$VAULTS/n$n-s$SEED-$GEN_HASH
        if [ ! -d "$dir" ]; then
            mkdir -p "$VAULTS"
            echo "generating $n notes in $dir…" >&2
            "$TARGET/release/examples/gen-vault" "$dir.tmp" --files "$n" --seed "$SEED" >"$dir.txt.tmp"
            mv "$dir.tmp" "$dir" && mv "$dir.txt.tmp" "$dir.txt"
        fi
        echo "$dir"
    else
        # Without the generator, take any cached vault of that size.
        local found
        found=$(ls -d "$VAULTS"/n"$n"-s"$SEED"-* 2>/dev/null | grep -v '\.txt$' | head -1 || true)
        [ -n "$found" ] || die "no vault of $n notes in $VAULTS and no gen-vault example to make one"
        echo "$found"
    fi
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?')"
for n in "${SIZES[@]}"; do
    [[ $n =~ ^[0-9]+$ ]] || die "not a size: $n"
    src=$(vault "$n")
    copy=$scratch/n$n
    cp -al "$src" "$copy"
    echo "== $n notes =="
    "$BENCH" "$copy" --runs "$RUNS" --debounce-ms "$DEBOUNCE"
    rm -rf "$copy"
done
