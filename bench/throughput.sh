#!/usr/bin/env bash
# TCP throughput through a WireGuard tunnel between two network namespaces, side by side in one run:
#   raw veth (no tunnel), wireguard-go -> wireguard-go, Warren -> wireguard-go, wireguard-go -> Warren,
#   Warren -> Warren   (sender -> receiver; iperf3 client in the sender's namespace)
# each repeated RUNS times for SECONDS, reported as min / median / max Mbit/s, the ratio of each Warren
# configuration's median to wireguard-go's, and the CPU time both daemons used per Gbit transferred
# (utime + stime from /proc/<pid>/stat).
#
#   sudo bench/throughput.sh            # 3 x 10 s each (about 3.5 minutes)
#   sudo bench/throughput.sh 5 20       # 5 x 20 s each
#
# Needs root, iproute2, wireguard-go, wireguard-tools, iperf3, jq. Absolute figures depend on the machine and its
# load; the ratios within one run are what compare. Set WARREN_JAVA_OPTS to pass JVM options to Warren (e.g.
# -XX:StartFlightRecording=filename=/tmp/warren.jfr to profile it).
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/jdk.sh
warren_find_jdk

RUNS="${1:-3}"
SECONDS_PER_RUN="${2:-10}"
[ "$(id -u)" = 0 ] || { echo "bench/throughput.sh: run as root (it creates network namespaces)" >&2; exit 1; }
for tool in ip wg wireguard-go iperf3 jq; do
    command -v "$tool" >/dev/null || { echo "bench/throughput.sh: $tool is missing (apt-get install iproute2 wireguard-tools wireguard-go iperf3 jq)" >&2; exit 1; }
done

if [ ! -f app/target/warren.jar ] || [ -n "$(find tunnel-core native-bridge app -name '*.java' -newer app/target/warren.jar -print -quit)" ]; then
    echo "== building app/target/warren.jar" >&2
    warren_ensure_maven
    mvn -B -ntp -q -pl app -am package -DskipTests >&2
fi
WARREN=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED ${WARREN_JAVA_OPTS:-} -cp app/target/warren.jar dev.warren.app.Main)

ID=$$
NSA="wtpa-$ID"; NSB="wtpb-$ID"
PIDS=()
WORK="$(mktemp -d /tmp/warren-throughput.XXXXXX)"
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
    PIDS=()
    ip netns del "$NSA" 2>/dev/null || true
    ip netns del "$NSB" 2>/dev/null || true
}
trap 'cleanup; rm -rf "$WORK"' EXIT

setup_netns() {
    ip netns add "$NSA"; ip netns add "$NSB"
    ip link add "tva$ID" netns "$NSA" type veth peer name "tvb$ID" netns "$NSB"
    ip -n "$NSA" addr add 10.98.0.1/24 dev "tva$ID"; ip -n "$NSB" addr add 10.98.0.2/24 dev "tvb$ID"
    for ns in "$NSA" "$NSB"; do ip -n "$ns" link set lo up; done
    ip -n "$NSA" link set "tva$ID" up; ip -n "$NSB" link set "tvb$ID" up
}

# start_impl <ns> <iface> <warren|wgo>: starts it in the foreground (background job), waits for its socket.
start_impl() {
    local ns="$1" iface="$2" impl="$3"
    if [ "$impl" = warren ]; then
        ip netns exec "$ns" "${WARREN[@]}" userspace -f "$iface" >"$WORK/$iface.log" 2>&1 &
    else
        ip netns exec "$ns" wireguard-go -f "$iface" >"$WORK/$iface.log" 2>&1 &
    fi
    PIDS+=($!)
    for _ in $(seq 600); do
        [ -S "/var/run/wireguard/$iface.sock" ] && ip netns exec "$ns" wg show "$iface" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    echo "$impl did not start:" >&2; cat "$WORK/$iface.log" >&2; return 1
}

# tunnel <sender impl> <receiver impl>: a configured tunnel 10.97.0.1 (A) <-> 10.97.0.2 (B)
tunnel() {
    local ia="tta$ID" ib="ttb$ID"
    start_impl "$NSA" "$ia" "$1"; start_impl "$NSB" "$ib" "$2"
    (umask 077; wg genkey >"$WORK/a.key"; wg genkey >"$WORK/b.key")
    ip netns exec "$NSA" wg set "$ia" private-key "$WORK/a.key" listen-port 51001 \
        peer "$(wg pubkey <"$WORK/b.key")" allowed-ips 10.97.0.2/32 endpoint 10.98.0.2:51002
    ip netns exec "$NSB" wg set "$ib" private-key "$WORK/b.key" listen-port 51002 \
        peer "$(wg pubkey <"$WORK/a.key")" allowed-ips 10.97.0.1/32 endpoint 10.98.0.1:51001
    ip -n "$NSA" addr add 10.97.0.1/24 dev "$ia"; ip -n "$NSA" link set "$ia" up
    ip -n "$NSB" addr add 10.97.0.2/24 dev "$ib"; ip -n "$NSB" link set "$ib" up
    ip netns exec "$NSA" ping -c 1 -W 10 10.97.0.2 >/dev/null
}

cpu_ticks() { # utime + stime of the given pids, in clock ticks
    local total=0 p
    for p in "$@"; do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$p/stat")))
    done
    echo "$total"
}

RESULTS="$WORK/results"
: >"$RESULTS"
# measure <label> <server address>: RUNS iperf3 runs; appends "label mbits cpu_s_per_gbit" lines
measure() {
    local label="$1" addr="$2" i json mbits bytes t0 t1
    ip netns exec "$NSB" iperf3 -s -B "$addr" -p 5299 >/dev/null 2>&1 &
    local server=$!
    PIDS+=($server)
    sleep 0.5
    for i in $(seq "$RUNS"); do
        t0=$(cpu_ticks "${PIDS[@]:0:2}")
        json=$(ip netns exec "$NSA" iperf3 -c "$addr" -p 5299 -t "$SECONDS_PER_RUN" -J)
        t1=$(cpu_ticks "${PIDS[@]:0:2}")
        mbits=$(jq '.end.sum_received.bits_per_second / 1e6' <<<"$json")
        bytes=$(jq '.end.sum_received.bytes' <<<"$json")
        echo "$label $mbits $(awk -v d=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" -v b="$bytes" -v tun="$3" \
            'BEGIN { if (tun) printf "%.2f", (d / hz) / (b * 8 / 1e9); else print "-" }')" >>"$RESULTS"
        printf '  %-26s run %d: %8.0f Mbit/s\n' "$label" "$i" "$mbits" >&2
    done
    kill "$server" 2>/dev/null || true
}

run_config() { # <label> <sender impl|raw> <receiver impl>
    setup_netns
    if [ "$2" = raw ]; then
        PIDS=()
        measure "$1" 10.98.0.2 0
    else
        tunnel "$2" "$3"
        measure "$1" 10.97.0.2 1
    fi
    cleanup
}

echo "== $RUNS x ${SECONDS_PER_RUN} s of iperf3 TCP per configuration ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
run_config "raw-veth" raw
run_config "wireguard-go->wireguard-go" wgo wgo
run_config "Warren->wireguard-go" warren wgo
run_config "wireguard-go->Warren" wgo warren
run_config "Warren->Warren" warren warren

echo
echo "TCP throughput, $RUNS x ${SECONDS_PER_RUN} s each, $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
printf '%-28s %9s %9s %9s %10s %14s\n' configuration min median max "x wg-go" "CPU s/Gbit"
base=""
for label in raw-veth wireguard-go-\>wireguard-go Warren-\>wireguard-go wireguard-go-\>Warren Warren-\>Warren; do
    read -r min med max cpu < <(awk -v l="$label" '$1 == l {print $2, $3}' "$RESULTS" | sort -n | awk '
        { v[NR] = $1; c[NR] = $2 }
        END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2;
              cs = 0; for (i = 1; i <= NR; i++) cs += c[i]; printf "%.0f %.0f %.0f %s\n", v[1], m, v[NR], (c[1] == "-") ? "-" : sprintf("%.2f", cs / NR) }')
    [ "$label" = "wireguard-go->wireguard-go" ] && base="$med"
    ratio="-"
    case "$label" in *Warren*) ratio=$(awk -v a="$med" -v b="$base" 'BEGIN { printf "%.2f", a / b }') ;; esac
    printf '%-28s %9s %9s %9s %10s %14s\n' "$label" "$min" "$med" "$max" "$ratio" "$cpu"
done
