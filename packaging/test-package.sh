#!/usr/bin/env bash
# Builds the .deb, checks what it holds, installs it on this machine with apt-get (CI runs as root),
# and runs the installed server and client against each other. Usage: packaging/test-package.sh BUILD_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:?usage: packaging/test-package.sh BUILD_DIR}" && pwd)
work=$(mktemp -d)
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "package test: FAIL: $*" >&2; exit 1; }

version=$(sed -n 's/^project(imchat VERSION \([0-9.]*\).*/\1/p' "$root/CMakeLists.txt")
(cd "$build" && cpack -G DEB -B "$work/out" >/dev/null)
deb="$work/out/imchat_${version}_amd64.deb"
[ -f "$deb" ] || fail "no $deb"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libglfw3 libsqlite3 libfontconfig1 libepoxy0 libicu72 fonts-wqy-microhei; do
    grep -q "$lib" <<<"$depends" || fail "Depends lacks $lib: $depends"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/imchat ./usr/bin/imchat-server ./usr/share/applications/imchat.desktop \
         ./usr/share/icons/hicolor/scalable/apps/imchat.svg ./usr/share/icons/hicolor/48x48/apps/imchat.png \
         ./usr/share/icons/hicolor/256x256/apps/imchat.png ./usr/lib/systemd/system/imchat-server.service \
         ./usr/share/man/man1/imchat.1 ./usr/share/man/man1/imchat-server.1; do
    grep -q " $f\$" <<<"$contents" || fail "package lacks $f"
done

DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" >/dev/null
desktop-file-validate /usr/share/applications/imchat.desktop
[ "$(/usr/bin/imchat-server --version)" = "imchat-server $version" ] || fail "server --version"
[ "$(/usr/bin/imchat --version)" = "imchat $version" ] || fail "client --version"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify /usr/lib/systemd/system/imchat-server.service 2>&1 | grep -v "^$" \
        | grep -v "Failed to prepare filename\|man imchat-server" && fail "unit does not verify" || true
fi

# The installed binaries, talking to each other over TLS: the client pins the key the installed server
# made (as scripts/run.sh does) and saves a screenshot once it shows our message.
fingerprint=$(/usr/bin/imchat-server --data "$work/server.db" --fingerprint)
/usr/bin/imchat-server --bind 127.0.0.1 --port 0 --data "$work/server.db" > "$work/server.out" 2>&1 &
server_pid=$!
for _ in $(seq 50); do grep -q "^listening on" "$work/server.out" && break; sleep 0.1; done
port=$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$work/server.out" | head -1)
[ -n "$port" ] || fail "installed server did not listen: $(cat "$work/server.out")"
"$root/tests/support/say.py" 127.0.0.1 "$port" packager "installed 你好"
HOME="$work" "$root/scripts/xvfb.sh" timeout 60 /usr/bin/imchat --server "127.0.0.1:$port" \
    --name viewer --trust "$fingerprint" --screenshot "$work/installed.png" --screenshot-after-text "installed 你好" \
    --exit-after-screenshot > "$work/client.out" 2>&1 || fail "installed client: $(cat "$work/client.out")"
[ -s "$work/installed.png" ] || fail "no screenshot from the installed client"
grep -q "installed 你好" "$work/client.out" || fail "the installed client did not show the message"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q imchat >/dev/null
echo "package test: imchat_${version}_amd64.deb builds, installs, and its server and client work"
