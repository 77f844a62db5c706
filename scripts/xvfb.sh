#!/usr/bin/env bash
# Runs a command inside a virtual X server of its own (Xvfb 1280x800x24; Mesa's llvmpipe renders).
# -noreset: by default Xvfb resets whenever its last client disconnects, and a window or xdotool connecting
# during the reset fails with "Failed to open display" (up to 1 connection in 15 with two test jobs at once).
# Usage: scripts/xvfb.sh COMMAND [ARGS...]
set -euo pipefail
exec xvfb-run -a -s "-screen 0 1280x800x24 -noreset" "$@"
