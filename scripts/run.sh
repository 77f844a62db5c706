#!/usr/bin/env bash
# Installs what is missing, builds Release, starts imchat-server on 127.0.0.1 and opens an imchat window on it.
# Closing the window stops the server. Arguments after -- go to the window (e.g. -- --lang en).
# Usage: scripts/run.sh [--name NAME] [--port PORT] [-- IMCHAT_ARGS...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
name="${USER:-me}" port=12000
while [ $# -gt 0 ]; do
    case "$1" in
        --name) name=$2; shift 2 ;;
        --port) port=$2; shift 2 ;;
        --) shift; break ;;
        *) echo "usage: scripts/run.sh [--name NAME] [--port PORT] [-- IMCHAT_ARGS...]" >&2; exit 1 ;;
    esac
done

"$root/scripts/deps.sh" run
"$root/scripts/build.sh" "$root/build-release" Release -DIMCHAT_BUILD_TESTS=OFF
bin="$root/build-release"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    cat >&2 <<MSG
imchat: no display, so no window can open. The build is ready; run the server headless with:
    $bin/server/imchat-server --bind 0.0.0.0 --port $port
and connect from a machine with a display:  $bin/app/imchat --server HOST:$port --name NAME
MSG
    exit 2
fi

# The window trusts the key of the server this script starts (made on its first run, printed here);
# any other server's key the window shows for the user to compare.
fingerprint=$("$bin/server/imchat-server" --fingerprint)
"$bin/server/imchat-server" --bind 127.0.0.1 --port "$port" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; wait "$server_pid" 2>/dev/null || true' EXIT
sleep 0.3
kill -0 "$server_pid" 2>/dev/null || { echo "imchat: the server did not start (see above)" >&2; exit 1; }
"$bin/app/imchat" --server "127.0.0.1:$port" --name "$name" --trust "$fingerprint" "$@"
