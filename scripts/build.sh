#!/usr/bin/env bash
# Configures (once) and builds imchat. Usage: scripts/build.sh BUILD_DIR BUILD_TYPE [extra cmake args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 type=$2
shift 2
if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "$@"
fi
cmake --build "$dir" -j "$(nproc)"
