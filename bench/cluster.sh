#!/usr/bin/env bash
# Cluster mode benchmark (issue 19, docs/cluster.md): the same room load against one imchat-server (SQLite,
# the baseline) and against 1, 2 and 3 nodes sharing the room through NATS JetStream, all on 127.0.0.1,
# interleaved round by round. The clients are spread evenly over the nodes (imchat-bench --ports), so the
# latency is end to end from a sender on one node to receivers on every node. Each run starts its NATS
# servers and nodes afresh (scratch stores in a temporary folder) and stops them after. Prints one key=value
# line per run and a table of medians with ratios to the baseline.
# Usage: bench/cluster.sh [--build DIR] [--server PATH] [--duration S] [--repeat N] [--smoke]
#                         [--clients N] [--senders N] [--rate R] [--only LIST] [--no-pin]
#   configurations (--only single,c1,... picks some; each round runs them in this order):
#     single  one imchat-server, no --cluster            c1  1 node, 1 NATS server, --cluster-replicas 1
#     c2      2 nodes, 1 NATS server, replicas 1         c3  3 nodes, 1 NATS server, replicas 1
#     c3r3    3 nodes, 3 NATS servers in one JetStream cluster, replicas 3 (the real deployment)
#   --smoke: single and c2, 1 s each, once (~10 s): checks that it works, not the figures.
#   --server: the imchat-server to measure (default DIR/server/imchat-server); imchat-bench is DIR's.
#   With two or more cores, the nodes and NATS servers share core 0 and the load generator has core 1
#   (taskset), each process in a session of its own (setsid), as in bench/run.sh; --no-pin turns that off.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-perf" server="" duration=5 repeat=1 pin=1
clients=300 senders=30 rate=1000 only="single,c1,c2,c3,c3r3"
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        --server) server=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --smoke) duration=1 repeat=1 only="single,c2"; shift ;;
        --clients) clients=$2; shift 2 ;;
        --senders) senders=$2; shift 2 ;;
        --rate) rate=$2; shift 2 ;;
        --only) only=$2; shift 2 ;;
        --no-pin) pin=0; shift ;;
        *) echo "usage: bench/cluster.sh [--build DIR] [--server PATH] [--duration S] [--repeat N] [--smoke]" \
                "[--clients N] [--senders N] [--rate R] [--only single,c1,c2,c3,c3r3] [--no-pin]" >&2; exit 1 ;;
    esac
done
bench="$build/bench/imchat-bench"
server=${server:-$build/server/imchat-server}
if [ ! -x "$bench" ] || [ ! -x "$server" ]; then echo "build first: scripts/build.sh $build Release" >&2; exit 1; fi
command -v nats-server > /dev/null || { echo "nats-server is needed (scripts/deps.sh test)" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
server_cpu="" bench_cpu=""
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
    server_cpu="taskset -c 0" bench_cpu="taskset -c 1"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/imchat-cluster-bench-XXXXXX")
pids=() # what this run started, in order: NATS servers first, then nodes
stop_all() {
    local i
    # Nodes first (the last started), then the NATS servers they read from.
    for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
        kill "${pids[i]}" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "${pids[i]}" 2>/dev/null || break; sleep 0.1; done
        kill -9 "${pids[i]}" 2>/dev/null || true
    done
    pids=()
}
trap 'stop_all; rm -rf "$work"' EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Runs a command in a new session (pinned if asked) in the background; appends its own PID to pids.
spawn() { # log cpu-prefix command...
    local log=$1 prefix=$2 pidfile="$work/pid"; shift 2
    rm -f "$pidfile"
    # shellcheck disable=SC2086,SC2016
    setsid sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" $prefix "$@" > "$log" 2>&1 &
    for _ in $(seq 100); do [ -s "$pidfile" ] && break; sleep 0.02; done
    pids+=("$(cat "$pidfile")")
}

wait_log() { # file pattern what
    for _ in $(seq 150); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "$3 did not come up; its log:" >&2; tail -5 "$1" >&2; return 1
}

# Starts one configuration: nats servers and nodes. Sets ports (comma list), node_pids, engine_pids.
start_config() { # dir nodes nats replicas
    local dir=$1 nodes=$2 nats=$3 replicas=$4 i j urls="" routes cluster_ports=() client_ports=()
    mkdir -p "$dir"
    node_pids="" engine_pids="" ports=""
    for ((i = 0; i < nats; i++)); do client_ports+=("$(free_port)"); cluster_ports+=("$(free_port)"); done
    for ((i = 0; i < nats; i++)); do
        urls+="nats://127.0.0.1:${client_ports[i]},"
        local args=(-js -a 127.0.0.1 -p "${client_ports[i]}" -n "nats-$i" -sd "$dir/nats-$i")
        if [ "$nats" -gt 1 ]; then
            routes=""
            for ((j = 0; j < nats; j++)); do
                [ "$j" = "$i" ] || routes+="nats://127.0.0.1:${cluster_ports[j]},"
            done
            args+=(--cluster_name imchat-bench --cluster "nats://127.0.0.1:${cluster_ports[i]}"
                --routes "${routes%,}")
        fi
        spawn "$dir/nats-$i.log" "$server_cpu" nats-server "${args[@]}"
        engine_pids+="${pids[-1]},"
    done
    for ((i = 0; i < nats; i++)); do wait_log "$dir/nats-$i.log" "Server is ready" "nats-server $i" || return 1; done
    # A JetStream cluster elects a metadata leader before the first node can make the room's stream.
    if [ "$nats" -gt 1 ]; then
        for _ in $(seq 150); do
            grep -qs "JetStream cluster new metadata leader" "$dir"/nats-*.log && break
            sleep 0.1
        done
    fi
    for ((i = 0; i < nodes; i++)); do
        local port cluster=()
        port=$(free_port)
        [ "$nats" -gt 0 ] && cluster=(--cluster "${urls%,}" --cluster-replicas "$replicas")
        # As bench/run.sh: limits lifted (300 connections from one address, 1000 messages/s), plaintext.
        spawn "$dir/node-$i.log" "$server_cpu" "$server" --bind 127.0.0.1 --port "$port" \
            --data "$dir/node-$i.db" --max-clients 20000 --max-per-ip 20000 --rate 10000000 \
            --burst 10000000 --allow-plaintext "${cluster[@]}"
        node_pids+="${pids[-1]},"
        ports+="$port,"
        # One at a time: the first node makes the stream, the others find it.
        wait_log "$dir/node-$i.log" "^listening on" "node $i" || return 1
    done
    node_pids=${node_pids%,} engine_pids=${engine_pids%,} ports=${ports%,}
}

# name|nodes|NATS servers|replicas
configs=("single|1|0|0" "c1|1|1|1" "c2|2|1|1" "c3|3|1|1" "c3r3|3|3|3")
echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)," \
     "$(nats-server --version), pinning: ${server_cpu:-none}${bench_cpu:+ / $bench_cpu};" \
     "$clients clients, $senders senders, $rate messages/s, ${duration} s a run"
results="$work/results.txt"
status=0
for r in $(seq "$repeat"); do
    for cf in "${configs[@]}"; do
        IFS='|' read -r name nodes nats replicas <<< "$cf"
        case ",$only," in *",$name,"*) ;; *) continue ;; esac
        load=$(cut -d' ' -f1 /proc/loadavg)
        dir="$work/$name-$r"
        if ! start_config "$dir" "$nodes" "$nats" "$replicas"; then
            status=1
            echo "run=$r config=$name FAILED to start" | tee -a "$results"
            stop_all
            continue
        fi
        engine_arg=()
        [ -n "$engine_pids" ] && engine_arg=(--engine-pid "$engine_pids")
        # shellcheck disable=SC2086
        line=$(setsid -w $bench_cpu "$bench" --ports "$ports" --server-pid "$node_pids" "${engine_arg[@]}" \
                   --clients "$clients" --senders "$senders" --rate "$rate" --duration "$duration" \
                   --max-wall 60 2> "$dir/bench.err") || {
            status=1
            echo "FAILED: $name; bench said:" >&2; tail -5 "$dir/bench.err" >&2
            for f in "$dir"/node-*.log; do echo "$f:" >&2; tail -3 "$f" >&2; done
        }
        echo "run=$r config=$name nodes=$nodes nats=$nats replicas=$replicas load=$load $line" | tee -a "$results"
        stop_all
        rm -rf "$dir"
    done
done

echo
awk -v duration="$duration" '
function get(line, key,   m) { if (match(" " line, " " key "=[^ ]*")) { m = substr(" " line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return m } return "" }
function sum(list,   n, i, v, s) { n = split(list, v, ","); s = 0; for (i = 1; i <= n; i++) s += v[i]; return s }
function maxof(list,   n, i, v, m) { n = split(list, v, ","); m = 0; for (i = 1; i <= n; i++) if (v[i] + 0 > m) m = v[i] + 0; return m }
function median(key,   n, i, j, t, v) {
  n = split(vals[key], v, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
  return n == 0 ? "" : (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
}
function add(c, metric, value) { vals[c, metric] = vals[c, metric] (vals[c, metric] == "" ? "" : " ") value }
$0 !~ / delivered=/ { next }
{ c = get($0, "config")
  if (!(c in seen)) { seen[c] = 1; list[++n] = c; shape[c] = get($0, "nodes") "/" get($0, "nats") "/" get($0, "replicas") }
  runs[c]++
  dps = get($0, "deliveries_per_s"); delivered = get($0, "delivered"); sent = get($0, "sent")
  add(c, "d", dps); add(c, "p50", get($0, "p50_us")); add(c, "p99", get($0, "p99_us")); add(c, "lost", get($0, "lost"))
  add(c, "cpu", get($0, "server_cpu_pct")); add(c, "ncpu", maxof(get($0, "node_cpu_pct")))
  eng = sum(get($0, "engine_cpu_pct")); add(c, "eng", eng)
  # CPU per delivery (all nodes) and per message (the NATS servers), in µs, over the measured window.
  add(c, "us_d", delivered > 0 ? get($0, "server_cpu_pct") / 100 * duration / delivered * 1e6 : 0)
  add(c, "us_m", sent > 0 ? eng / 100 * duration / sent * 1e6 : 0)
  add(c, "wp99", get($0, "node_p99_us") == "" ? get($0, "p99_us") : maxof(get($0, "node_p99_us"))) }
END {
  printf "%-7s %-8s %4s %12s %8s %8s %10s %5s %9s %9s %9s %9s %9s\n", "config", "n/nats/R", "runs", "deliveries/s", "p50_us",
         "p99_us", "worst_p99", "lost", "nodes_%", "max_node%", "nats_%", "us/deliv", "us/msg"
  for (i = 1; i <= n; i++) {
      c = list[i]
      d[c] = median(c SUBSEP "d"); p50[c] = median(c SUBSEP "p50"); p99[c] = median(c SUBSEP "p99"); usd[c] = median(c SUBSEP "us_d")
      printf "%-7s %-8s %4d %12.0f %8.0f %8.0f %10.0f %5s %9.1f %9.1f %9.1f %9.3f %9.1f\n", c, shape[c], runs[c], d[c], p50[c], p99[c],
             median(c SUBSEP "wp99"), median(c SUBSEP "lost"), median(c SUBSEP "cpu"), median(c SUBSEP "ncpu"), median(c SUBSEP "eng"),
             usd[c], median(c SUBSEP "us_m")
  }
  print "(medians over the runs; n/nats/R: nodes, NATS servers, stream replicas; worst_p99: the slowest node'"'"'s receivers;"
  print " nodes_%: all nodes'"'"' CPU together, in % of one core; us/deliv: node CPU per delivery; us/msg: NATS CPU per message)"
  if (!("single" in seen)) exit
  print ""
  for (i = 1; i <= n; i++) {
      c = list[i]
      if (c == "single") continue
      # Parenthesised: a bare ">" among printf arguments would be a redirection.
      printf "%-5s vs single: deliveries %.3fx, p50 %+.2f ms (%.2fx), p99 %.2fx, node CPU per delivery %.2fx\n", c,
             (d["single"] > 0 ? d[c] / d["single"] : 0), (p50[c] - p50["single"]) / 1000, (p50["single"] > 0 ? p50[c] / p50["single"] : 0),
             (p99["single"] > 0 ? p99[c] / p99["single"] : 0), (usd["single"] > 0 ? usd[c] / usd["single"] : 0)
  }
}' "$results"
exit $status
