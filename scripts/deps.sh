#!/usr/bin/env bash
# Installs the Debian packages imchat needs, only those missing.
# Usage: scripts/deps.sh [run|test|ci|windows|windows-test]
# Run by run.sh, test.sh and CI; safe to run again (does nothing when all are present).
set -euo pipefail

# dpkg-dev and xz-utils: Dear ImGui's Debian source package is fetched and unpacked at configure time.
build_pkgs=(cmake ninja-build g++ pkg-config dpkg-dev xz-utils libfreetype-dev libglfw3-dev libepoxy-dev libgl-dev libasio-dev
            doctest-dev libreaderwriterqueue-dev libconcurrentqueue-dev libsqlite3-dev libfontconfig-dev
            libcli11-dev libstb-dev libicu-dev librsvg2-bin libssl-dev libsodium-dev libsystemd-dev libnats-dev
            libavahi-client-dev)
# CJK text needs a CJK font, emoji a colour emoji font; Mesa's llvmpipe renders when there is no GPU.
run_pkgs=(fonts-wqy-microhei fonts-noto-color-emoji libgl1-mesa-dri)
# avahi-daemon and avahi-utils: the mDNS tests run a daemon of their own in a network namespace (never the
# machine's: the install below does not start it).
test_pkgs=(xvfb xauth xdotool x11-xserver-utils x11-utils dbus-daemon python3-dbusmock nats-server avahi-daemon
           avahi-utils)
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
# No service of what is installed here is started (avahi-daemon, nats-server): the tests run their own, in
# namespaces and on loopback. policy-rc.d is the Debian way to say so, for the install only.
guard=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$guard" >/dev/null
    $sudo chmod 755 "$guard"
    trap '$sudo rm -f "$guard"' EXIT
fi
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
