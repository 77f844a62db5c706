#!/usr/bin/env bash
# Installs the Debian packages imchat needs, only those missing.
# Usage: scripts/deps.sh [run|test|ci|windows|windows-test]
# Sourced by run.sh and test.sh; safe to run again (does nothing when all are present).
set -euo pipefail

# dpkg-dev and xz-utils: Dear ImGui's Debian source package is fetched and unpacked at configure time.
build_pkgs=(cmake ninja-build g++ pkg-config dpkg-dev xz-utils libfreetype-dev libglfw3-dev libepoxy-dev libgl-dev libasio-dev
            doctest-dev libreaderwriterqueue-dev libconcurrentqueue-dev libsqlite3-dev libfontconfig-dev
            libcli11-dev libstb-dev libicu-dev librsvg2-bin libssl-dev libsodium-dev libsystemd-dev libnats-dev)
# CJK text needs a CJK font, emoji a colour emoji font; Mesa's llvmpipe renders when there is no GPU.
run_pkgs=(fonts-wqy-microhei fonts-noto-color-emoji libgl1-mesa-dri)
test_pkgs=(xvfb xauth xdotool x11-xserver-utils x11-utils dbus-daemon python3-dbusmock nats-server)
ci_pkgs=(clang clang-format libclang-rt-14-dev desktop-file-utils)
# The Windows cross-build (scripts/windows.sh): MinGW-w64; the native tools some libraries build with
# (SQLite's amalgamation needs tclsh, libsodium's configure autotools, ICU's data Debian's own ICU tools);
# the installer; Wine to run and test the result.
windows_pkgs=(g++-mingw-w64-x86-64-posix make perl tcl autoconf automake libtool icu-devtools nsis icoutils
              wine wine64)

wanted=("${build_pkgs[@]}" "${run_pkgs[@]}")
case "${1:-run}" in
    test) wanted+=("${test_pkgs[@]}") ;;
    ci) wanted+=("${test_pkgs[@]}" "${ci_pkgs[@]}" "${windows_pkgs[@]}") ;;
    windows) wanted+=("${windows_pkgs[@]}") ;;
    windows-test) wanted+=("${windows_pkgs[@]}" "${test_pkgs[@]}") ;;
esac

missing=()
for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "imchat: installing missing packages: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
