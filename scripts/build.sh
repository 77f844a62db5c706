#!/usr/bin/env bash
# Configures and builds imchat. Usage: scripts/build.sh BUILD_DIR BUILD_TYPE [extra cmake args...]
# Env: IMCHAT_WERROR=ON|OFF sets the warnings-as-errors option; unset, the build keeps what it had
# (OFF in a new one), so a later run without it does not rebuild everything.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1 type=$2
shift 2
args=(-DCMAKE_BUILD_TYPE="$type" "$@")
if [ -n "${IMCHAT_WERROR:-}" ]; then args+=(-DIMCHAT_WERROR="$IMCHAT_WERROR"); fi
# Configured every time (a tenth of a second when nothing changed), so flags given now always apply.
cmake -S "$root" -B "$dir" -G Ninja "${args[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
