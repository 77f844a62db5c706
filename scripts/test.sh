#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite (GUI tests included: under Xvfb when
# there is no display). Env: IMCHAT_BUILD_DIR (default build), IMCHAT_SANITIZE=ON for ASan+UBSan,
# IMCHAT_CTEST_EXCLUDE (a ctest -E regex) to leave tests out, IMCHAT_WERROR=OFF to let warnings pass
# (on here: the developers' builds fail on every warning; a user's scripts/run.sh build does not).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${IMCHAT_BUILD_DIR:-$root/build}"
sanitize="${IMCHAT_SANITIZE:-OFF}"

"$root/scripts/deps.sh" test
# A sanitized build leaves the benchmarks out: nothing measures them there, and they are a sixth of its build.
bench=ON
if [ "$sanitize" = ON ]; then bench=OFF; fi
IMCHAT_WERROR="${IMCHAT_WERROR:-ON}" "$root/scripts/build.sh" "$dir" RelWithDebInfo \
    -DIMCHAT_SANITIZE="$sanitize" -DIMCHAT_BUILD_BENCH="$bench"

ctest_cmd=(ctest --test-dir "$dir" --output-on-failure --timeout 300 -j 2)
if [ -n "${IMCHAT_CTEST_EXCLUDE:-}" ]; then ctest_cmd+=(-E "$IMCHAT_CTEST_EXCLUDE"); fi
if [ -z "${DISPLAY:-}" ]; then
    exec "$root/scripts/xvfb.sh" "${ctest_cmd[@]}"
fi
exec "${ctest_cmd[@]}"
