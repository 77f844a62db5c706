#!/usr/bin/env bash
# Fetches one Debian source package at one exact version into DEST and unpacks its upstream tarball into
# DEST/<package>-<version>/ (Debian's own patches are build glue we do not use). Nothing reaches the tree.
#
# apt does the fetching and checking: a private apt configuration inside DEST adds a deb-src entry for the
# mirror and release the machine already uses (its own sources stay untouched), `apt-get update` reads the
# signed Sources index, `apt-get source --download-only` refuses any file whose checksum differs from it.
# Usage: fetch-debian-source.sh DEST PACKAGE VERSION     (run again: does nothing once unpacked)
set -euo pipefail
dest=$1 package=$2 version=$3
mkdir -p "$dest" && dest=$(cd "$dest" && pwd) # apt runs from inside it
unpacked="$dest/$package-$version"
[ -f "$unpacked/.imchat-fetched" ] && exit 0

# The first deb mirror the machine's own sources name (deb822 or one-line format), else Debian's CDN.
mirror=$(sed -n 's/^URIs:[[:space:]]*\([^[:space:]]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
         grep -v -- '-security' | head -n1 || true)
[ -n "$mirror" ] || mirror=$(sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]*\).*/\2/p' \
                             /etc/apt/sources.list 2>/dev/null | grep -v -- '-security' | head -n1 || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
release=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")

apt_dir="$dest/apt"
mkdir -p "$apt_dir/sources.list.d" "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
echo "deb-src $mirror $release main" >"$apt_dir/sources.list.d/imchat-src.list"
opts=(-q -o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$apt_dir/sources.list.d"
      -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache")
# As root apt downloads as the user _apt, who cannot write into a build folder; this folder is ours anyway.
[ "$(id -u)" -ne 0 ] || opts+=(-o APT::Sandbox::User=root)

echo "imchat: fetching Debian source $package $version from $mirror $release"
apt-get "${opts[@]}" update >"$apt_dir/update.log" 2>&1 ||
    { cat "$apt_dir/update.log" >&2; echo "imchat: cannot read the Debian source index from $mirror" >&2; exit 1; }
(cd "$dest" && apt-get "${opts[@]}" source --download-only "$package=$version" >"$apt_dir/source.log" 2>&1) ||
    { cat "$apt_dir/source.log" >&2; echo "imchat: apt-get source $package=$version failed" >&2; exit 1; }

upstream=${version#*:}
upstream=${upstream%-*}
tarball=$(ls "$dest/${package}_${upstream}.orig.tar."* 2>/dev/null | head -n1 || true)
[ -n "$tarball" ] || { echo "imchat: no upstream tarball ${package}_${upstream}.orig.tar.* in $dest" >&2; exit 1; }
rm -rf "$unpacked"
mkdir -p "$unpacked"
tar -xf "$tarball" -C "$unpacked" --strip-components=1
touch "$unpacked/.imchat-fetched"
