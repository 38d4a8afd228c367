#!/usr/bin/env bash
# bench/compare.sh [SIZES...] — time ike against ripgrep on generated vaults.
#
# For each size (number of notes; default 1000 10000 100000) and each vault shape (the
# generator's default profile and its real-vault profile) this builds release ike and
# the gen-vault example, generates a vault (cached under $VAULTS, reused when present),
# checks that ike finds exactly the tasks the generator wrote, warms the page cache, then
# runs every command of the COMMANDS list in interleaved rounds (round r runs command 1,
# 2, 3, … once each, under hyperfine), and measures each command's peak RSS once with
# /usr/bin/time -v. Prints a Markdown table of medians, ratios to ripgrep and peak RSS,
# and writes it to bench/report.md. See docs/performance.md.
#
# Environment:
#   IKE_BENCH_ROUNDS  rounds per size (default: 10 up to 10k notes, 5 above)
#   IKE_BENCH_SEED    generator seed (default 1)
#   IKE_BENCH_SHAPES  vault shapes, gen-vault profiles (default "default real")
#   IKE_BENCH_VAULTS  where generated vaults live (default $CARGO_TARGET_DIR/bench-vaults)
#   IKE_BENCH_REPORT  report file (default bench/report.md)
#   CARGO_TARGET_DIR  as for cargo (default target)
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-target}
case $TARGET in /*) ;; *) TARGET=$ROOT/$TARGET ;; esac
VAULTS=${IKE_BENCH_VAULTS:-$TARGET/bench-vaults}
SEED=${IKE_BENCH_SEED:-1}
REPORT=${IKE_BENCH_REPORT:-bench/report.md}
if [ $# -gt 0 ]; then SIZES=("$@"); else SIZES=(1000 10000 100000); fi
read -r -a SHAPES <<<"${IKE_BENCH_SHAPES:-default real}"
IKE=$TARGET/release/ike
GEN=$TARGET/release/examples/gen-vault
FLOOR=$TARGET/release/examples/floor

# ---------------------------------------------------------------------------------------
# The commands, in table order. One line each: `add NAME PREPARE COMMAND`.
#   NAME     the table's label
#   PREPARE  shell command run before every timed run (and before the RSS run), or ""
#   COMMAND  the timed command; stdout and stderr are discarded
# In PREPARE and COMMAND, {dir} stands for the vault. The first command is the baseline
# every ratio is taken against.
NAMES=() PREPARES=() COMMANDS=()
add() { NAMES+=("$1"); PREPARES+=("$2"); COMMANDS+=("$3"); }

add "rg (baseline)"                "" "rg -c --no-messages '^\s*[-*+] \[[ xX]\]' {dir}"
# Floors (examples/floor.rs): what any run pays before ike's own work. Every run walks
# the tree and stats each note (that is how it knows what changed); an uncached run also
# parses every note with pulldown-cmark.
add "floor: walk + stat every note" "" "$FLOOR walk {dir}"
add "floor: read + bare pulldown-cmark" "" "$FLOOR parse {dir}"
add "ike digest --no-cache"        "" "$IKE digest --no-cache --today 2026-11-21 {dir}"
add "ike digest --no-cache --exact-parser" "" "$IKE digest --no-cache --exact-parser --today 2026-11-21 {dir}"
# The cache is made warm before every run (a run after "one file changed" leaves it
# holding the changed note, so the prepare is all but free then).
add "ike digest, warm cache"       "$IKE digest --today 2026-11-21 {dir}" "$IKE digest --today 2026-11-21 {dir}"
# A query from the warm cache (its target: no more time than the warm digest above).
add "ike query, warm cache (limit 10)" "$IKE digest --today 2026-11-21 {dir}" "$IKE query {dir} 'not done' 'limit 10' --today 2026-11-21"
add "ike query, warm cache (due before tomorrow)" "$IKE digest --today 2026-11-21 {dir}" "$IKE query {dir} 'not done' 'due before tomorrow' --today 2026-11-21"
add "ike digest, one file changed" 'for f in {dir}/*-000001.md; do echo >>"$f"; done' "$IKE digest --today 2026-11-21 {dir}"
# The first digest of a day: the cache was made the day before. Its kept digest sheets
# are moved to the new day (decisions/0063); a build before that decoded and classified
# every note again and rewrote every memo file (decisions/0059).
add "ike digest, first run of a day" "$IKE digest --today 2026-11-21 {dir}" "$IKE digest --today 2026-11-22 {dir}"
# (PREPARE runs under sh: no globs in redirections. Appending a blank line grows that note
# by one byte per run and leaves its tasks alone, so the cached vault stays valid. Note
# 000001 is at the vault's root at every size.)
# ---------------------------------------------------------------------------------------

die() { echo "compare.sh: $*" >&2; exit 2; }

# Tools: hyperfine, ripgrep and GNU time; installed with apt-get when running as root.
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing ${need[*]}…" >&2
        apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null
    else
        die "missing ${need[*]}: install them (e.g. apt-get install ${need[*]})"
    fi
fi

echo "building release ike and gen-vault…" >&2
cargo build --quiet --release --bin ike --example gen-vault --example floor

# Vaults are keyed by generator source, so a changed generator never reuses stale files.
GEN_HASH=$(cat examples/gen_vault/*.rs | sha256sum | cut -c1-10)

# Print the vault folder for $1 notes of shape $2, generating it first if needed. The
# default shape's folders are named as before (bench/watch-latency.sh finds them).
vault() {
    local n=$1 shape=$2 tag=""
    [ "$shape" = default ] || tag=$shape-
    local dir=$VAULTS/n$n-s$SEED-$tag$GEN_HASH
    if [ ! -f "$dir.txt" ] || [ ! -d "$dir" ]; then
        rm -rf "$VAULTS"/n"$n"-s"$SEED"-"$tag"[0-9a-f]* # older generators' vaults
        mkdir -p "$VAULTS"
        echo "generating $n notes ($shape shape) in $dir…" >&2
        "$GEN" "$dir.tmp" --files "$n" --seed "$SEED" --profile "$shape" >"$dir.txt.tmp"
        mv "$dir.tmp" "$dir"
        mv "$dir.txt.tmp" "$dir.txt"
        # A cache entry of a file changed less than 2 s before the cache was written is not
        # trusted (the racy-stamp rule): let the new files settle, or the first rounds
        # would re-read notes a warm run would not.
        sleep 2.5
    fi
    echo "$dir"
}

stat_of() { sed -n "s/^$1: //p" "$2"; }

# Median of the numbers on stdin (one per line).
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# Peak RSS in MiB of one run of command $1 (after prepare $2).
peak_rss() {
    local out
    out=$(mktemp)
    [ -n "$2" ] && bash -c "$2" >/dev/null 2>&1
    /usr/bin/time -v -o "$out" bash -c "exec $1 >/dev/null 2>&1" || true
    awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out"
    rm -f "$out"
}

fmt_time() { awk -v s="$1" 'BEGIN { if (s < 1) printf "%.1f ms", s * 1000; else printf "%.2f s", s }'; }

machine="$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || echo '?'), $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null)"
rev=$(git rev-parse --short HEAD 2>/dev/null || echo '?')
table="| shape | notes | MiB | tasks | command | median | × rg | CPU (user+sys) | peak RSS | per 1k notes |
|---|---:|---:|---:|---|---:|---:|---:|---:|---:|"
checks=""
loads=""

for n in "${SIZES[@]}"; do
  [[ $n =~ ^[0-9]+$ ]] || die "not a size: $n"
  for shape in "${SHAPES[@]}"; do
    dir=$(vault "$n" "$shape")
    tasks=$(stat_of tasks "$dir.txt")
    bytes=$(stat_of bytes "$dir.txt")
    mib=$(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1048576 }')
    rounds=${IKE_BENCH_ROUNDS:-$([ "$n" -le 10000 ] && echo 10 || echo 5)}

    # Correctness first: a fast wrong answer is not a result.
    found=$("$IKE" list --format ndjson "$dir" 2>/dev/null | wc -l)
    if [ "$found" = "$tasks" ]; then
        checks+="- $n notes, $shape shape: ike lists $found tasks, the generator wrote $tasks ✓"$'\n'
    else
        checks+="- $n notes, $shape shape: **ike lists $found tasks, the generator wrote $tasks ✗**"$'\n'
        echo "WARNING: $n notes ($shape): ike lists $found tasks, the generator wrote $tasks" >&2
    fi

    # Warm the page cache, then one untimed run of each command.
    find "$dir" -type f -print0 | xargs -0 cat >/dev/null
    args=() preps=()
    for i in "${!COMMANDS[@]}"; do
        args+=("${COMMANDS[$i]//\{dir\}/$dir}")
        prep=${PREPARES[$i]//\{dir\}/$dir}
        preps+=(--prepare "${prep:+{ $prep; \} >/dev/null 2>&1}")
        [ -n "$prep" ] || preps[-1]=true
        bash -c "${args[-1]}" >/dev/null 2>&1 || die "failed: ${args[-1]}"
    done

    echo "$n notes, $shape shape: $rounds interleaved rounds of ${#COMMANDS[@]} commands…" >&2
    load_before=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
    times=$(mktemp) csv=$(mktemp)
    for ((r = 1; r <= rounds; r++)); do
        hyperfine --runs 1 --style none --export-csv "$csv" "${preps[@]}" "${args[@]}" >/dev/null
        # command,mean,stddev,median,user,system,min,max (the command may hold commas)
        tail -n +2 "$csv" | awk -F, -v r="$r" '{ print NR, r, $(NF-4), $(NF-3) + $(NF-2) }' >>"$times"
    done

    base=""
    for i in "${!COMMANDS[@]}"; do
        k=$((i + 1))
        med=$(awk -v k="$k" '$1 == k { print $3 }' "$times" | median)
        cpu=$(awk -v k="$k" '$1 == k { print $4 }' "$times" | median)
        [ -n "$base" ] || base=$med
        ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f×", a / b }')
        per1k=$(awk -v s="$med" -v n="$n" 'BEGIN { printf "%.1f ms", s * 1000 * 1000 / n }')
        rss=$(peak_rss "${args[$i]}" "${PREPARES[$i]//\{dir\}/$dir}")
        row="| $shape | $n | $mib | $tasks | ${NAMES[$i]} | $(fmt_time "$med") | $ratio | $(fmt_time "$cpu") | ${rss} MiB | $per1k |"
        table+=$'\n'"$row"
        echo "$row" >&2
    done
    rm -f "$times" "$csv"
    loads+="- $n notes, $shape shape: load average $load_before before the rounds, $(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?') after"$'\n'
  done
done

report="# ike benchmark

Generated by \`bench/compare.sh ${SIZES[*]}\` (shapes: ${SHAPES[*]}) on $(date -u +%Y-%m-%d) at commit $rev
($machine; $(rg --version | sed -n 1p), $(hyperfine --version)). Warm page cache; medians
of interleaved rounds; \"× rg\" is the median over ripgrep's median.

$table

Task counts:
$checks
Machine load (1-minute load average; 2 cores are shared with other work):
$loads"
mkdir -p "$(dirname "$REPORT")"
printf '%s' "$report" >"$REPORT"
echo
echo "$report"
echo "(written to $REPORT)" >&2
