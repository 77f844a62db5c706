#!/usr/bin/env bash
# The README's first command, as a new user types it. With no display, scripts/run.sh must build Release
# and exit 2 with its headless instructions; with one (Xvfb), the same command must start the server and
# open a window on it that shows what a client says there. CI exports IMCHAT_WERROR=ON, so this Release
# build (the optimisation level users get) fails on any warning.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
run_pid=""
cleanup() {
    # run.sh, its server and its window run in a process group of their own (setsid below).
    if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then kill -- "-$run_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "front door: FAIL: $*" >&2; exit 1; }

# 1. No display: a clean Release build, then exit 2 with the instructions.
code=0
env -u DISPLAY -u WAYLAND_DISPLAY "$root/scripts/run.sh" > "$work/headless.out" 2> "$work/headless.err" || code=$?
[ "$code" -eq 2 ] || fail "scripts/run.sh without a display exited $code, not 2: $(tail -n 30 "$work/headless.err")"
grep -q "no display" "$work/headless.err" || fail "no headless instructions: $(cat "$work/headless.err")"
grep -q "imchat-server --bind 0.0.0.0" "$work/headless.err" || fail "no server command: $(cat "$work/headless.err")"
grep -q "^CMAKE_BUILD_TYPE:STRING=Release$" "$root/build-release/CMakeCache.txt" || fail "build-release is not Release"
for exe in server/imchat-server app/imchat; do [ -x "$root/build-release/$exe" ] || fail "no $exe"; done

# 2. With a display: the same command opens the window on its own server; a client says something there.
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
shots="$root/build-release/screenshots"
mkdir -p "$shots" "$work/config" "$work/data"
rm -f "$shots/front-door.png"
text="front door 你好 $$"
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" setsid "$root/scripts/xvfb.sh" \
    "$root/scripts/run.sh" --port "$port" --name 访客 -- --lang zh --screenshot "$shots/front-door.png" \
    --screenshot-after-text "$text" --exit-after-screenshot > "$work/window.out" 2>&1 &
run_pid=$!
"$root/tests/support/say.py" 127.0.0.1 "$port" ci "$text" --wait 60 || fail "no server on $port: $(cat "$work/window.out")"
for _ in $(seq 600); do kill -0 "$run_pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$run_pid" 2>/dev/null && fail "the window did not show the message within 2 minutes: $(cat "$work/window.out")"
code=0
wait "$run_pid" || code=$?
run_pid=""
[ "$code" -eq 0 ] || fail "scripts/run.sh with a display exited $code: $(cat "$work/window.out")"
[ -s "$shots/front-door.png" ] || fail "no screenshot"
grep -q "screenshot row: chat ci: $text" "$work/window.out" || fail "the window did not show it: $(cat "$work/window.out")"
grep -q "screenshot title: imchat - 访客" "$work/window.out" || fail "not joined as 访客: $(cat "$work/window.out")"
echo "front door: scripts/run.sh builds Release, explains itself headless (exit 2), and opens a working window"
