#!/usr/bin/env bash
# Runs the Wine tests (tests/windows/) against a Windows build: builds their Linux program (in the Linux
# build tree, with the Linux window and server they talk to) and runs it under Xvfb, with the Windows
# artefacts named in IMCHAT_WINDOWS_SETUP and IMCHAT_WINDOWS_SERVER. Exits non-zero when a test fails.
# Usage: tests/windows/run.sh WINDOWS_BUILD_DIR [doctest options, e.g. -tc='*installer*' -s]
# Env: IMCHAT_BUILD_DIR, the Linux build tree (default build; configured with scripts/build.sh if new).
# Each test's screenshots stay in <Linux build>/tests/windows/screenshots (wine-window.png among them).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ $# -lt 1 ]; then
    echo "usage: tests/windows/run.sh WINDOWS_BUILD_DIR [doctest options]" >&2
    exit 2
fi
windows=$(cd "$1" && pwd)
shift
linux="${IMCHAT_BUILD_DIR:-$root/build}"

for tool in wine wineserver xvfb-run xdotool; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: scripts/deps.sh windows-test" >&2; exit 2; }
done
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$windows/CMakeCache.txt")
export IMCHAT_WINDOWS_SETUP="$windows/imchat-$version-setup.exe"
export IMCHAT_WINDOWS_SERVER="$windows/server/imchat-server.exe"
for f in "$IMCHAT_WINDOWS_SETUP" "$IMCHAT_WINDOWS_SERVER"; do
    [ -f "$f" ] || { echo "$f is missing: build it with scripts/windows.sh" >&2; exit 2; }
done

if [ ! -f "$linux/CMakeCache.txt" ]; then
    IMCHAT_WERROR="${IMCHAT_WERROR:-ON}" "$root/scripts/build.sh" "$linux" RelWithDebInfo
fi
cmake --build "$linux" --target imchat_tests_windows

# Every wait inside is bounded; this bounds the whole run too (a new Wine prefix alone takes ~15 s).
# timeout signals the whole process group, Xvfb and the Wine programs included.
exec timeout -k 30 1200 "$root/scripts/xvfb.sh" "$linux/tests/windows/imchat_tests_windows" --duration=true "$@"
