#!/usr/bin/env bash
# Builds the net test suite (Connection, its SPSC event queue, the codec) under ThreadSanitizer and runs it.
# clang, not gcc: moodycamel's queue uses atomic fences, which only clang's TSan is told about (through
# the AE_TSAN_ANNOTATE_* hooks in atomicops.h); gcc refuses them with -Werror=tsan.
# Usage: tests/net/tsan.sh [runs, default 1]. Env: IMCHAT_TSAN_DIR (default build-tsan).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
dir="${IMCHAT_TSAN_DIR:-$root/build-tsan}"
runs="${1:-1}"

CC=clang CXX=clang++ cmake -S "$root" -B "$dir" -G Ninja -DIMCHAT_BUILD_APP=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DIMCHAT_WERROR="${IMCHAT_WERROR:-ON}" \
    -DCMAKE_C_FLAGS=-fsanitize=thread -DCMAKE_CXX_FLAGS=-fsanitize=thread \
    -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread >/dev/null
cmake --build "$dir" --target imchat_tests_net -j "${IMCHAT_JOBS:-2}"
for ((i = 1; i <= runs; i++)); do
    echo "== TSan run $i/$runs"
    # halt_on_error: the first race fails the run with TSan's report on stderr.
    TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" "$dir/tests/net/imchat_tests_net"
done
