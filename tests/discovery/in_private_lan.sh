#!/usr/bin/env bash
# Runs a test (a doctest binary and its arguments) on a private LAN of its own: a network namespace with a
# veth pair (dummy interfaces do not do multicast here), a system bus of its own and an Avahi daemon of its own
# on it. Nothing a test announces or looks for reaches the machine's network or its daemons, and everything
# started here ends with the test. Where namespaces are not permitted it says so and exits 77 (CTest: skipped).
# The test finds the bus in DBUS_SYSTEM_BUS_ADDRESS (as Avahi's client library does) and the daemon's log in
# IMCHAT_AVAHI_LOG. IMCHAT_LAN_FAMILY=ipv6 makes it a LAN without DHCP: no IPv4 at all, only the IPv6
# link-local addresses every interface gives itself (two laptops joined by a cable).
set -euo pipefail
# CTest's discovery lists the test cases through this script too: no LAN needed for that.
case " $* " in *" --list-test-cases "* | *" --list-test-suites "*) exec "$@" ;; esac

if [ "${IMCHAT_PRIVATE_LAN:-}" != inside ]; then
    if ! unshare -n -m true 2>/dev/null; then
        echo "skipped: the mDNS tests need a network namespace of their own, and this machine does not" \
             "permit one (unshare -n -m failed; it needs root or user namespaces)" >&2
        exit 77
    fi
    IMCHAT_PRIVATE_LAN=inside exec unshare -n -m "$0" "$@"
fi

for tool in ip dbus-daemon avahi-daemon avahi-browse; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: scripts/deps.sh test" >&2; exit 1; }
done
dir=$(mktemp -d "${TMPDIR:-/tmp}/imchat-lan-XXXXXX")
pids=()
finish() {
    kill "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
    rm -rf "$dir"
}
trap finish EXIT

family=${IMCHAT_LAN_FAMILY:-ipv4}
ip link set lo up
ip link add imchat0 type veth peer name imchat1
if [ "$family" = ipv6 ]; then
    # No duplicate address detection: the link-local addresses are usable at once, not after ~2 s.
    for link in imchat0 imchat1; do echo 0 >"/proc/sys/net/ipv6/conf/$link/accept_dad"; done
else
    ip addr add 10.77.0.1/24 dev imchat0
    ip addr add 10.77.0.2/24 dev imchat1
fi
ip link set imchat0 up multicast on
ip link set imchat1 up multicast on
if [ "$family" = ipv6 ]; then
    for _ in $(seq 50); do ip -6 addr show dev imchat0 scope link | grep -q inet6 && break; sleep 0.1; done
fi
# avahi-daemon keeps its pid file and socket in /run/avahi-daemon: this mount namespace's own, empty.
mkdir -p /run/avahi-daemon
mount -t tmpfs tmpfs /run/avahi-daemon

cat >"$dir/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path=$dir/bus</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*" eavesdrop="true"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
CONF
dbus-daemon --config-file="$dir/bus.conf" --nofork --nopidfile 2>"$dir/bus.log" &
pids+=($!)
export DBUS_SYSTEM_BUS_ADDRESS="unix:path=$dir/bus"

cat >"$dir/avahi.conf" <<CONF
[server]
use-ipv4=$([ "$family" = ipv6 ] && echo no || echo yes)
use-ipv6=$([ "$family" = ipv6 ] && echo yes || echo no)
allow-interfaces=imchat0
enable-dbus=yes
ratelimit-interval-usec=0
[wide-area]
enable-wide-area=no
[publish]
publish-hinfo=no
publish-workstation=no
CONF
export IMCHAT_AVAHI_LOG="$dir/avahi.log"
for _ in $(seq 50); do [ -S "$dir/bus" ] && break; sleep 0.1; done
avahi-daemon --no-drop-root --no-chroot --no-rlimits --no-proc-title -f "$dir/avahi.conf" >"$IMCHAT_AVAHI_LOG" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q "Server startup complete" "$IMCHAT_AVAHI_LOG" && break; sleep 0.1; done
grep -q "Server startup complete" "$IMCHAT_AVAHI_LOG" || { cat "$IMCHAT_AVAHI_LOG" >&2; exit 1; }

status=0
"$@" || status=$?
exit "$status"
