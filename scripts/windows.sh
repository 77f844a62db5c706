#!/usr/bin/env bash
# Builds imchat for 64-bit Windows on Debian 12: installs what is missing (MinGW-w64, NSIS, Wine...), fetches
# the pinned Debian source packages of the libraries (third_party/windows/deps.cmake), cross-builds them and
# imchat.exe and imchat-server.exe (static: no DLL beyond Windows' own), and leaves in the build directory
#   imchat-<version>-windows-x64.zip   and   imchat-<version>-setup.exe
# Usage: scripts/windows.sh [--test]   (--test: then runs the Wine tests, tests/windows/run.sh)
# Env: IMCHAT_WINDOWS_BUILD_DIR (default build-windows), IMCHAT_WERROR=ON to fail on warnings (CI).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="${IMCHAT_WINDOWS_BUILD_DIR:-$root/build-windows}"
test=false
case "${1:-}" in
    --test) test=true ;;
    "") ;;
    *) echo "usage: scripts/windows.sh [--test]" >&2; exit 2 ;;
esac

"$root/scripts/deps.sh" "$($test && echo windows-test || echo windows)"
cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$root/cmake/mingw-w64-x86_64.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DIMCHAT_WERROR="${IMCHAT_WERROR:-OFF}" >/dev/null
cmake --build "$dir" --target windows-packages -j "$(nproc)"
version=$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$dir/CMakeCache.txt")
for f in "imchat-$version-windows-x64.zip" "imchat-$version-setup.exe"; do
    echo "imchat: $dir/$f ($(du -k "$dir/$f" | cut -f1) KiB)"
done
if $test; then "$root/tests/windows/run.sh" "$dir"; fi
