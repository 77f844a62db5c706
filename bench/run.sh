#!/usr/bin/env bash
# Side-by-side server benchmark: imchat-server, ngIRCd and InspIRCd (Debian packages), each on 127.0.0.1,
# driven by imchat-bench through the same scenarios in one run. Prints one key=value line per run and a table
# with ratios. Usage: bench/run.sh [--build DIR] [--duration SECONDS] [--smoke] [--only imchat]
#   --smoke: every scenario once, briefly, against imchat-server only (CI runs this).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release" duration=5 smoke=0 only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --smoke) smoke=1; duration=1; only=imchat; shift ;;
        --only) only=$2; shift 2 ;;
        *) echo "usage: bench/run.sh [--build DIR] [--duration S] [--smoke] [--only imchat|ngircd|inspircd]" >&2; exit 1 ;;
    esac
done
bench="$build/bench/imchat-bench" server="$build/server/imchat-server"
[ -x "$bench" ] && [ -x "$server" ] || { echo "build first: scripts/build.sh $build Release" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"

work=$(mktemp -d)
pid=""
stop_server() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=""; fi
}
trap 'stop_server; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "server on port $1 did not come up" >&2; return 1
}

start_server() { # name port
    local name=$1 port=$2
    case "$name" in
        imchat)
            "$server" --bind 127.0.0.1 --port "$port" --data "$work/imchat-$port.db" --max-clients 20000 \
                --max-per-ip 20000 --rate 10000000 --burst 10000000 > "$work/imchat.log" 2>&1 &
            pid=$! ;;
        ngircd)
            sed -e "s|@PORT@|$port|" -e "s|@DIR@|$work|" -e "s|@USER@|$(id -un)|" \
                "$root/bench/configs/ngircd.conf" > "$work/ngircd.conf"
            ngircd -n -f "$work/ngircd.conf" > "$work/ngircd.log" 2>&1 &
            pid=$! ;;
        inspircd)
            sed -e "s|@PORT@|$port|" -e "s|@DIR@|$work|" "$root/bench/configs/inspircd.conf" > "$work/inspircd.conf"
            inspircd --nofork --runasroot --config="$work/inspircd.conf" > "$work/inspircd.log" 2>&1 &
            pid=$! ;;
    esac
    wait_port "$port"
}

# scenario name, then imchat-bench arguments
scenarios=(
    "fanout_100x1|--clients 100 --senders 1 --rate 0 --window 256"
    "all_send_1000|--clients 1000 --senders 1000 --rate 1000"
    "all_send_10|--clients 10 --senders 10 --rate 1000"
    "idle_1000|--clients 1000 --senders 0"
)
servers=(imchat ngircd inspircd)
[ -n "$only" ] && servers=("$only")

results="$work/results.txt"
status=0
for s in "${servers[@]}"; do
    proto=irc
    [ "$s" = imchat ] && proto=imchat
    for sc in "${scenarios[@]}"; do
        name=${sc%%|*} args=${sc#*|}
        port=$(free_port)
        start_server "$s" "$port"
        # shellcheck disable=SC2086
        line=$("$bench" --proto "$proto" --port "$port" --server-pid "$pid" --duration "$duration" \
                   --max-wall 120 $args) || status=1
        echo "server=$s scenario=$name $line" | tee -a "$results"
        stop_server
    done
done

echo
awk '
function get(line, key,   m) { if (match(line, " " key "=[^ ]*")) { m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return m } return "" }
{ s = get(" " $0, "server"); c = get(" " $0, "scenario"); servers[s] = 1; order[c] = 1
  d[s, c] = get($0, "deliveries_per_s"); p50[s, c] = get($0, "p50_us"); p99[s, c] = get($0, "p99_us")
  lost[s, c] = get($0, "lost"); rss[s, c] = get($0, "server_rss_kib"); cpu[s, c] = get($0, "server_cpu_pct") }
END {
  printf "%-15s %-9s %14s %9s %9s %7s %9s %8s\n", "scenario", "server", "deliveries/s", "p50_us", "p99_us", "lost", "rss_KiB", "cpu_%"
  for (c in order) for (s in servers) if ((s, c) in d)
      printf "%-15s %-9s %14s %9s %9s %7s %9s %8s\n", c, s, d[s, c], p50[s, c], p99[s, c], lost[s, c], rss[s, c], cpu[s, c]
  print ""
  for (c in order) for (s in servers) if (s != "imchat" && (s, c) in d && ("imchat", c) in d) {
      if (d[s, c] > 0) printf "%-15s imchat/%s deliveries ratio: %.2f\n", c, s, d["imchat", c] / d[s, c]
      if (p99["imchat", c] > 0) printf "%-15s %s/imchat p99 ratio: %.2f\n", c, s, p99[s, c] / p99["imchat", c]
      if (rss["imchat", c] > 0) printf "%-15s %s/imchat rss ratio: %.2f\n", c, s, rss[s, c] / rss["imchat", c]
  }
}' "$results"
exit $status
