#!/usr/bin/env bash
# The client benchmarks: builds imchat-bench-client (with imchat and imchat-server) and runs it under
# Xvfb (1280x800x24, Mesa llvmpipe) against a real imchat-server on 127.0.0.1 port 0.
# Usage: bench/client/run.sh [--build DIR] [--smoke] [imchat-bench-client options...]
#   --smoke: every measurement once and briefly (< 30 s); exits non-zero when one fails (CI runs this).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-cbench"
args=()
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release > /dev/null
fi
cmake --build "$build" --target imchat-bench-client -j "${IMCHAT_BUILD_JOBS:-1}" > /dev/null
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), load$(uptime | sed 's/.*load average//')"
exec "$root/scripts/xvfb.sh" "$build/bench/client/imchat-bench-client" "${args[@]}"
