#!/usr/bin/env bash
# Builds every libFuzzer target with ASan+UBSan (fuzz/CMakeLists.txt, clang) and runs each for a bounded time
# on a COPY of its seed corpus (the repo corpus never grows), as many at once as there are cores. Exits
# non-zero when any target finds a crash.
# Usage: fuzz/run.sh [seconds per target, default 60] [target...]   (default: all targets)
# Env: IMCHAT_FUZZ_DIR (build dir, default build-fuzz), CXX_FUZZ (default clang++).
# Adding a target <name>: write fuzz/<name>_fuzz.cpp, put seeds in fuzz/corpus/<name>/, add it to
# fuzz/CMakeLists.txt (its name to the loop, the sources it needs to the library).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds="${1:-60}"
shift || true
build="${IMCHAT_FUZZ_DIR:-$root/build-fuzz}"
cxx="${CXX_FUZZ:-clang++}"

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cd "$root/fuzz" && ls ./*_fuzz.cpp | sed 's|^\./||; s|_fuzz\.cpp$||')
fi
for t in "${targets[@]}"; do
    if [ ! -f "$root/fuzz/${t}_fuzz.cpp" ]; then
        echo "fuzz/run.sh: unknown target '$t'" >&2
        exit 2
    fi
done

echo "== building ${targets[*]}"
cmake -S "$root/fuzz" -B "$build" -G Ninja -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$build" --target "${targets[@]/%/_fuzz}"

# One target's run: its output goes to its own log, printed whole when it is done (runs overlap).
fuzz_one() {
    local t=$1 work
    work=$(mktemp -d "$build/$t.XXXXXX")
    mkdir -p "$work/corpus" "$build/artifacts/$t"
    cp "$root/fuzz/corpus/$t/"* "$work/corpus/"
    local seeds
    seeds=$(ls "$work/corpus" | wc -l)
    if ! "$build/${t}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t/" "$work/corpus" 2>"$work/log"; then
        tail -n 60 "$work/log" >&2
        echo "== $t FAILED after ${seconds}s from $seeds seeds: crashing input saved under $build/artifacts/$t/" >&2
        rm -rf "$work"
        return 1
    fi
    echo "== $t ran ${seconds}s from a copy of $seeds seeds"
    grep -E '^(stat::number_of_executed_units|stat::new_units_added|#[0-9]+ +DONE)' "$work/log" || true
    rm -rf "$work"
}

jobs=$(nproc)
failed=0
running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n || failed=1
        running=$((running - 1))
    fi
    fuzz_one "$t" &
    running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
done
exit "$failed"
