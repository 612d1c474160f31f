#!/bin/sh
# Runs each reader's fuzz target for a bounded time (docs/fuzzing.md):
#   Fuzz/fuzz.sh BINARY SECONDS TARGET...
# Seeds come from samples/ (blast-fuzz TARGET --seed); the corpus grows in output/fuzz/TARGET/corpus
# and is kept between runs; a crash, hang or memory blow-up is saved in output/fuzz/TARGET/crashes/
# and fails the run once every target has had its time.
set -u
bin=$1 seconds=$2
shift 2
out=output/fuzz
failed=""
for target in "$@"; do
    dir=$out/$target
    mkdir -p "$dir/corpus" "$dir/crashes"
    rm -rf "$dir/seeds"
    "$bin" "$target" --seed "$dir/seeds" || { failed="$failed $target"; continue; }
    echo "fuzz: $target for ${seconds}s"
    # Foundation leaks a buffer reading an empty file: not a reader's fault, so leaks are not checked.
    if ! ASAN_OPTIONS=detect_leaks=0 "$bin" "$target" "$dir/corpus" "$dir/seeds" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=512 -max_len=65536 -artifact_prefix="$dir/crashes/" \
        -print_final_stats=1 >"$dir/log.txt" 2>&1; then
        failed="$failed $target"
        grep -E "ERROR|Fatal error|SUMMARY|Test unit written" "$dir/log.txt" | head -20
    fi
    grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" "$dir/log.txt" | sort -u | tr -s ' \n' ' '
    echo
done
if [ -n "$failed" ]; then
    echo "fuzz: failed:$failed (inputs in $out/TARGET/crashes/, logs in $out/TARGET/log.txt;"
    echo "      replay one with: swift run blast-fuzz TARGET FILE)"
    exit 1
fi
echo "fuzz: every target held its property"
