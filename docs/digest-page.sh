#!/usr/bin/env bash
# Regenerate docs/digest-page.png: the demo vault's `ike digest --format html` page in
# headless Chromium (Debian's `chromium` package), light mode, 1280 pixels wide.
# Usage: docs/digest-page.sh [--force-dark-mode | --window-size=400,1200 | other flags] [OUT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
flags=()
out=docs/digest-page.png
for arg in "$@"; do
    case "$arg" in
        --*) flags+=("$arg") ;;
        *) out=$(realpath -m "$arg") ;;
    esac
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo run --quiet -- digest fixtures/demo --no-cache --today 2026-11-21 --format html \
    --out "$work/page/digest.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$work/profile" --window-size=1280,1500 \
    ${flags[@]+"${flags[@]}"} --screenshot="$(realpath -m "$out")" "file://$work/page/digest.html" 2>/dev/null
test -s "$out" || { echo "chromium wrote no screenshot" >&2; exit 1; }
echo "wrote $out"
