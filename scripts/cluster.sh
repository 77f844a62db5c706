#!/usr/bin/env bash
# Starts a room of three imchat-server nodes on this machine, sharing it through a three-server NATS
# JetStream cluster (docs/cluster.md), all on 127.0.0.1, data in a temporary folder; prints how to point
# windows at them; stops everything it started on Ctrl+C.
# Usage: scripts/cluster.sh [FIRST_PORT]   (nodes on FIRST_PORT..+2, default 12001; NATS on 14222..14224)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
first=${1:-12001}
"$root/scripts/deps.sh" test # nats-server comes with the test packages
"$root/scripts/build.sh" "${IMCHAT_BUILD_DIR:-$root/build}" RelWithDebInfo >/dev/null
server="${IMCHAT_BUILD_DIR:-$root/build}/server/imchat-server"
dir=$(mktemp -d "${TMPDIR:-/tmp}/imchat-cluster-XXXXXX")
pids=()
stop() {
    trap - INT TERM EXIT
    echo "imchat: stopping the nodes and NATS servers ($dir is removed)"
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    rm -rf "$dir"
}
trap stop INT TERM EXIT

nats_urls=""
for i in 1 2 3; do
    nats_urls+="nats://127.0.0.1:$((14221 + i)),"
done
nats_urls=${nats_urls%,}
for i in 1 2 3; do
    routes=""
    for j in 1 2 3; do [ "$j" = "$i" ] || routes+="nats://127.0.0.1:$((14231 + j)),"; done
    nats-server -js -a 127.0.0.1 -p $((14221 + i)) -n "nats-$i" --cluster_name imchat \
        --cluster "nats://127.0.0.1:$((14231 + i))" --routes "${routes%,}" -sd "$dir/nats-$i" \
        >"$dir/nats-$i.log" 2>&1 &
    pids+=($!)
done
# JetStream needs its three servers to elect a leader, and each to know it ("Self is new JetStream cluster
# metadata leader" or "JetStream cluster new metadata leader: ..."), before the first node makes the room's
# stream: with only the leader knowing, making it timed out.
for _ in $(seq 200); do
    [ "$(grep -l "metadata leader" "$dir"/nats-*.log 2>/dev/null | wc -l)" = 3 ] && break
    sleep 0.1
done

# One TLS key for the room, made by node 1: a window that trusted it trusts every node.
key=()
for i in 1 2 3; do
    port=$((first + i - 1))
    "$server" --bind 127.0.0.1 --port "$port" --data "$dir/node-$i/server.db" --cluster "$nats_urls" "${key[@]}" \
        >"$dir/node-$i.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do
        grep -q "^listening on" "$dir/node-$i.log" 2>/dev/null && break
        sleep 0.1
    done
    grep -q "^listening on" "$dir/node-$i.log" || { cat "$dir/node-$i.log" >&2; exit 1; }
    key=(--tls-cert "$dir/node-1/tls-cert.pem" --tls-key "$dir/node-1/tls-key.pem")
done

echo "imchat: a room of three nodes, on one NATS JetStream cluster of three servers (logs in $dir)"
for i in 1 2 3; do
    echo "  node $i: 127.0.0.1:$((first + i - 1))"
done
echo "  $(sed -n 2p "$dir/node-1.log" | sed 's/ (.*//'), the same on every node"
echo "Point a window at the room (it moves to the next node when one dies):"
echo "  build/app/imchat --server 127.0.0.1:$first,127.0.0.1:$((first + 1)),127.0.0.1:$((first + 2)) --name 小明"
echo "Every node shows the same messages with the same numbers. Kill a node or a NATS server to watch"
echo "failover (the PIDs: $(printf '%s ' "${pids[@]}")); Ctrl+C stops everything."
tail -q -n 0 -f "$dir"/node-*.log &
pids+=($!)
# Until Ctrl+C: killing a node or a NATS server by hand (to watch failover) leaves the rest running.
wait "$!"
