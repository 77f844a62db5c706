#!/usr/bin/env bash
# Side-by-side server benchmark: imchat-server, ngIRCd and InspIRCd (Debian packages), each on 127.0.0.1,
# driven by imchat-bench through the same scenarios in one run. Prints one key=value line per run and a table
# of medians with ratios.
# Usage: bench/run.sh [--build DIR] [--duration SECONDS] [--repeat N] [--smoke] [--only SERVER] [--scenario NAME]
#                     [--no-pin]
#   --smoke:  every scenario once, briefly, against imchat-server only (CI runs this; < 30 s).
#   --repeat: run everything N times (servers interleaved) and report the median of each figure.
#   IMCHAT_SERVER_ARGS: more flags for imchat-server (e.g. "--synchronous full").
#   IMCHAT_BENCH_MAX_WALL: the cap on one run, seconds (120; a peer slower than that fails its run).
#   Server and load generator each run in a session of their own (setsid: their own scheduler autogroup, so
#   other sessions' work shares the CPU fairly with them) and, with two or more cores, pinned to different
#   cores (taskset) so they never compete with each other. --no-pin leaves placement to the scheduler.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release" duration=5 smoke=0 only="" repeat=1 pin=1 scenario=""
while [ $# -gt 0 ]; do
    case "$1" in
        --build) build=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --repeat) repeat=$2; shift 2 ;;
        --smoke) smoke=1; duration=1; only=imchat; shift ;;
        --only) only=$2; shift 2 ;;
        --no-pin) pin=0; shift ;;
        --scenario) scenario=$2; shift 2 ;;
        *) echo "usage: bench/run.sh [--build DIR] [--duration S] [--repeat N] [--smoke] [--only imchat|ngircd|inspircd] [--scenario NAME] [--no-pin]" >&2; exit 1 ;;
    esac
done
bench="$build/bench/imchat-bench" server="$build/server/imchat-server"
[ -x "$bench" ] && [ -x "$server" ] || { echo "build first: scripts/build.sh $build Release" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)"
server_cpu="" bench_cpu=""
if [ "$pin" = 1 ] && [ "$(nproc)" -ge 2 ] && command -v taskset > /dev/null; then
    server_cpu="taskset -c 0" bench_cpu="taskset -c 1"
fi

work=$(mktemp -d)
pid=""
stop_server() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true # our child unless setsid had to fork; then poll
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        pid=""
    fi
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

# Runs a command in a new session (pinned if asked) in the background; sets pid to the command's own PID.
spawn() { # log cpu-prefix command...
    local log=$1 prefix=$2; shift 2
    rm -f "$work/pid"
    # shellcheck disable=SC2086,SC2016
    setsid sh -c 'echo $$ > "$0"; exec "$@"' "$work/pid" $prefix "$@" > "$log" 2>&1 &
    for _ in $(seq 50); do [ -s "$work/pid" ] && break; sleep 0.02; done
    pid=$(cat "$work/pid")
}

start_server() { # name port tls(0|1)
    local name=$1 port=$2 tls=$3
    case "$name" in
        imchat)
            # --allow-plaintext: the plaintext scenarios; TLS clients are served either way.
            spawn "$work/$name.log" "$server_cpu" "$server" --bind 127.0.0.1 --port "$port" \
                --data "$work/imchat-$port.db" --max-clients 20000 --max-per-ip 20000 --rate 10000000 \
                --burst 10000000 --allow-plaintext ${IMCHAT_SERVER_ARGS:-} ;;
        ngircd)
            sed -e "s|@PORT@|$port|" -e "s|@DIR@|$work|" -e "s|@USER@|$(id -un)|" \
                "$root/bench/configs/ngircd.conf" > "$work/ngircd.conf"
            spawn "$work/$name.log" "$server_cpu" ngircd -n -f "$work/ngircd.conf" ;;
        inspircd)
            local bind_tls=""
            : > "$work/tls.conf"
            if [ "$tls" = 1 ]; then
                bind_tls=' sslprofile="bench"'
                [ -s "$work/irc-key.pem" ] || openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
                    -keyout "$work/irc-key.pem" -out "$work/irc-cert.pem" -days 2 -subj /CN=bench 2> /dev/null
                printf '<module name="ssl_gnutls">\n<sslprofile name="bench" provider="gnutls" certfile="%s" keyfile="%s" dhfile="" mindhbits="0" priority="NORMAL:-VERS-ALL:+VERS-TLS1.3">\n' \
                    "$work/irc-cert.pem" "$work/irc-key.pem" > "$work/tls.conf"
            fi
            sed -e "s|@PORT@|$port|" -e "s|@DIR@|$work|" -e "s|@TLS@|$bind_tls|" \
                "$root/bench/configs/inspircd.conf" > "$work/inspircd.conf"
            spawn "$work/$name.log" "$server_cpu" inspircd --nofork --runasroot --config="$work/inspircd.conf" ;;
    esac
    wait_port "$port"
}

# scenario name, then imchat-bench arguments. The _tls ones run over TLS 1.3 (imchat's default; InspIRCd's
# GnuTLS module); ngIRCd sits them out.
scenarios=(
    "fanout_100x1|--clients 100 --senders 1 --rate 0 --window 256"
    "fanout_100x1_tls|--clients 100 --senders 1 --rate 0 --window 256 --tls"
    "all_send_1000|--clients 1000 --senders 1000 --rate 1000"
    "all_send_10|--clients 10 --senders 10 --rate 1000"
    "idle_1000|--clients 1000 --senders 0"
    "idle_1000_tls|--clients 1000 --senders 0 --tls"
    # 10,000 clients join one room, 256 connecting or joining at a time; then 3 s idle before RSS is read.
    "join_10000|--clients 10000 --senders 0 --join-window 256|3"
    # imchat only: a room of 10 (20 messages/s) with 1000 TLS members that drop and resume all at once 1 s in,
    # or 100 registered names that sign in with their passwords all at once; each next to its baseline (the
    # same crowd, no storm). A fixed duration (the third field), the whole storm inside it.
    "storm_base_1000|--clients 10 --senders 10 --rate 20 --tls --storm 1000 --storm-at 1000|6"
    "storm_resume_1000|--clients 10 --senders 10 --rate 20 --tls --storm 1000|6"
    "logins_base_100|--clients 10 --senders 10 --rate 20 --tls --storm 100 --storm-kind login --storm-at 1000|15"
    "logins_100|--clients 10 --senders 10 --rate 20 --tls --storm 100 --storm-kind login|15"
)
servers=(imchat ngircd inspircd)
[ -n "$only" ] && servers=("$only")

echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)," \
     "pinning: ${server_cpu:-none}${bench_cpu:+ / $bench_cpu}"
results="$work/results.txt"
status=0
for r in $(seq "$repeat"); do
    for s in "${servers[@]}"; do
        proto=irc
        [ "$s" = imchat ] && proto=imchat
        for sc in "${scenarios[@]}"; do
            IFS='|' read -r name args fixed <<< "$sc"
            tls=0 seconds=${fixed:-$duration}
            [ -n "$scenario" ] && [ "$name" != "$scenario" ] && continue
            case "$name" in *_tls) tls=1 ;; esac
            [ "$tls" = 1 ] && [ "$s" = ngircd ] && continue
            case "$name" in storm_* | logins_*) [ "$s" = imchat ] || continue ;; esac
            # The login storms register 100 names first (~10 s of Argon2id): too long for the smoke run.
            case "$name" in logins_*) [ "$smoke" = 1 ] && continue ;; esac
            # The join storm, smaller and named so: the smoke run checks it works, not its figure.
            if [ "$smoke" = 1 ] && [ "$name" = join_10000 ]; then
                name=join_2000 args=${args/--clients 10000/--clients 2000}
            fi
            port=$(free_port)
            load=$(cut -d' ' -f1 /proc/loadavg)
            start_server "$s" "$port" "$tls"
            server_pid=$pid
            # shellcheck disable=SC2086
            line=$(setsid -w $bench_cpu "$bench" --proto "$proto" --port "$port" --server-pid "$server_pid" \
                       --duration "$seconds" --max-wall "${IMCHAT_BENCH_MAX_WALL:-120}" $args 2> "$work/bench.err") || {
                status=1
                echo "FAILED: $s $name; bench said:" >&2; tail -5 "$work/bench.err" >&2
                echo "server log tail:" >&2; tail -5 "$work/$s.log" >&2
            }
            echo "run=$r server=$s scenario=$name load=$load $line" | tee -a "$results"
            stop_server
        done
    done
done

echo
awk '
function get(line, key,   m) { if (match(line, " " key "=[^ ]*")) { m = substr(line, RSTART + length(key) + 2, RLENGTH - length(key) - 2); return m } return "" }
function median(key,   n, i, j, t, v) {
  n = split(vals[key], v, " ")
  for (i = 2; i <= n; i++) for (j = i; j > 1 && v[j - 1] + 0 > v[j] + 0; j--) { t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
  return n == 0 ? "" : (n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2)
}
function add(s, c, metric, value) { vals[s, c, metric] = vals[s, c, metric] (vals[s, c, metric] == "" ? "" : " ") value }
{ s = get(" " $0, "server"); c = get(" " $0, "scenario")
  if (!(s in servers)) { servers[s] = 1; slist[++ns] = s }
  if (!(c in cseen)) { cseen[c] = 1; clist[++nc] = c }
  seen[s, c] = 1; runs[s, c]++
  add(s, c, "d", get($0, "deliveries_per_s")); add(s, c, "p50", get($0, "p50_us")); add(s, c, "p99", get($0, "p99_us"))
  add(s, c, "lost", get($0, "lost")); add(s, c, "rss", get($0, "server_rss_kib")); add(s, c, "cpu", get($0, "server_cpu_pct"))
  add(s, c, "storm", get($0, "storm_s")); add(s, c, "join", get($0, "join_s")) }
END {
  printf "%-15s %-9s %4s %14s %9s %9s %7s %9s %8s %7s\n", "scenario", "server", "runs", "deliveries/s", "p50_us", "p99_us", "lost", "rss_KiB", "cpu_%", "join_s"
  for (i = 1; i <= nc; i++) for (j = 1; j <= ns; j++) if ((slist[j], clist[i]) in seen) {
      c = clist[i]; s = slist[j]
      d[s, c] = median(s SUBSEP c SUBSEP "d"); p99[s, c] = median(s SUBSEP c SUBSEP "p99"); rss[s, c] = median(s SUBSEP c SUBSEP "rss")
      join[s, c] = median(s SUBSEP c SUBSEP "join")
      printf "%-15s %-9s %4d %14.0f %9.0f %9.0f %7s %9.0f %8.1f %7.2f\n", c, s, runs[s, c], d[s, c], median(s SUBSEP c SUBSEP "p50"),
             p99[s, c], median(s SUBSEP c SUBSEP "lost"), rss[s, c], median(s SUBSEP c SUBSEP "cpu"), join[s, c]
  }
  print "(medians over the runs)"
  print ""
  # The server targets of issues 4 and 7, judged on the medians.
  if (("imchat", "fanout_100x1") in seen) {
      ok = d["imchat", "fanout_100x1"] >= 4000000
      if (("inspircd", "fanout_100x1") in seen) ok = ok && d["imchat", "fanout_100x1"] >= 1.5 * d["inspircd", "fanout_100x1"]
      printf "target fanout_100x1 >= 4 M deliveries/s%s: %s\n", (("inspircd", "fanout_100x1") in seen) ? " and >= 1.5x InspIRCd" : "", ok ? "met" : "MISSED"
  }
  if (("imchat", "all_send_1000") in seen)
      printf "target all_send_1000 p99 <= 20 ms, nothing lost: %s\n", (p99["imchat", "all_send_1000"] <= 20000 && median("imchat" SUBSEP "all_send_1000" SUBSEP "lost") == 0) ? "met" : "MISSED"
  if (("imchat", "all_send_10") in seen)
      printf "target all_send_10 p50 <= 0.5 ms: %s\n", median("imchat" SUBSEP "all_send_10" SUBSEP "p50") <= 500 ? "met" : "MISSED"
  if (("imchat", "idle_1000") in seen)
      printf "target idle_1000 <= 6 MB (6144 KiB) resident: %s\n", rss["imchat", "idle_1000"] <= 6144 ? "met" : "MISSED"
  # Issue 15: TLS.
  if (("imchat", "fanout_100x1_tls") in seen && ("imchat", "fanout_100x1") in seen) {
      ok = d["imchat", "fanout_100x1_tls"] >= 0.5 * d["imchat", "fanout_100x1"]
      if (("inspircd", "fanout_100x1_tls") in seen) ok = ok && d["imchat", "fanout_100x1_tls"] >= 2 * d["inspircd", "fanout_100x1_tls"]
      printf "target fanout_100x1_tls >= 50%% of plaintext%s: %s (%.0f%%)\n", (("inspircd", "fanout_100x1_tls") in seen) ? " and >= 2x InspIRCd TLS" : "", ok ? "met" : "MISSED", 100 * d["imchat", "fanout_100x1_tls"] / d["imchat", "fanout_100x1"]
  }
  if (("imchat", "storm_resume_1000") in seen && ("imchat", "storm_base_1000") in seen)
      printf "target storm_resume_1000 done in <= 5 s, the room p99 <= 50 ms: %s (%.2f s, p99 %.1f ms; %.1f ms without the storm)\n", (median("imchat" SUBSEP "storm_resume_1000" SUBSEP "storm") <= 5 && p99["imchat", "storm_resume_1000"] <= 50000) ? "met" : "MISSED", median("imchat" SUBSEP "storm_resume_1000" SUBSEP "storm"), p99["imchat", "storm_resume_1000"] / 1000, p99["imchat", "storm_base_1000"] / 1000
  if (("imchat", "logins_100") in seen && ("imchat", "logins_base_100") in seen)
      printf "target logins_100 room p99 <= 2x its baseline: %s (%.2f ms vs %.2f ms; all signed in after %.1f s)\n", p99["imchat", "logins_100"] <= 2 * p99["imchat", "logins_base_100"] ? "met" : "MISSED", p99["imchat", "logins_100"] / 1000, p99["imchat", "logins_base_100"] / 1000, median("imchat" SUBSEP "logins_100" SUBSEP "storm")
  # Issue 16: a join storm of 10,000.
  if (("imchat", "join_10000") in seen)
      printf "target join_10000 all in <= 10 s, idle <= 20 MB (20000 KiB) resident: %s (%.2f s, %.0f KiB)\n", (join["imchat", "join_10000"] <= 10 && join["imchat", "join_10000"] > 0 && rss["imchat", "join_10000"] <= 20000) ? "met" : "MISSED", join["imchat", "join_10000"], rss["imchat", "join_10000"]
  if (("imchat", "idle_1000_tls") in seen && ("imchat", "idle_1000") in seen)
      printf "target idle_1000_tls <= 3x idle_1000 resident: %s (%.2fx)\n", rss["imchat", "idle_1000_tls"] <= 3 * rss["imchat", "idle_1000"] ? "met" : "MISSED", rss["imchat", "idle_1000_tls"] / rss["imchat", "idle_1000"]
  print ""
  for (i = 1; i <= nc; i++) for (j = 1; j <= ns; j++) {
      c = clist[i]; s = slist[j]
      if (s == "imchat" || !((s, c) in seen) || !(("imchat", c) in seen)) continue
      if (d[s, c] > 0) printf "%-15s imchat/%s deliveries ratio: %.2f\n", c, s, d["imchat", c] / d[s, c]
      if (p99["imchat", c] > 0) printf "%-15s %s/imchat p99 ratio: %.2f\n", c, s, p99[s, c] / p99["imchat", c]
      if (rss["imchat", c] > 0) printf "%-15s %s/imchat rss ratio: %.2f\n", c, s, rss[s, c] / rss["imchat", c]
      if (join["imchat", c] > 0) printf "%-15s %s/imchat join time ratio: %.2f\n", c, s, join[s, c] / join["imchat", c]
  }
}' "$results"
exit $status
