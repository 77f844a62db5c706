#!/usr/bin/env bash
# Builds every target (tests, benchmarks) with warnings as errors at each optimisation level with each
# compiler, one build directory per pair under build-warnings/. A warning some optimiser finds (GCC's
# -Wstringop-overflow at -O3, say) fails here before it fails a user's build.
# Usage: scripts/warnings.sh [COMPILER:LEVEL ...]   (default: g++ and clang++ at -O2, -O3 and -Os)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pairs=("$@")
if [ ${#pairs[@]} -eq 0 ]; then
    pairs=(g++:-O2 g++:-O3 g++:-Os clang++:-O2 clang++:-O3 clang++:-Os)
fi
failed=()
for pair in "${pairs[@]}"; do
    cxx=${pair%%:*} level=${pair#*:}
    cc=gcc
    [ "$cxx" = clang++ ] && cc=clang
    dir="$root/build-warnings/$cxx$level"
    echo "== $cxx $level"
    # CMAKE_BUILD_TYPE=None: no flags of CMake's own, only the level given here (and -DNDEBUG, as Release).
    if ! { CC=$cc CXX=$cxx cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=None -DIMCHAT_WERROR=ON \
               -DCMAKE_C_FLAGS="$level -DNDEBUG" -DCMAKE_CXX_FLAGS="$level -DNDEBUG" >/dev/null &&
           cmake --build "$dir" -j "$(nproc)" -- -k 0 >"$dir.log" 2>&1; }; then
        grep -E "error|warning" "$dir.log" | head -n 20 || true
        failed+=("$cxx$level")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "warnings.sh: warnings as errors in: ${failed[*]} (logs: build-warnings/*.log)" >&2
    exit 1
fi
echo "warnings.sh: no warning in ${pairs[*]}"
