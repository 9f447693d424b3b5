#!/usr/bin/env bash
# How long `warren userspace <iface>` takes until its UAPI socket accepts (the command returns only then, as
# wireguard-go does), against wireguard-go in the same run: plain, with a dynamic AppCDS archive
# (-XX:SharedArchiveFile + -XX:+AutoCreateSharedArchive) and with JDK 25's AOT cache (-XX:AOTCache, trained on one
# foreground start). Neither is in the ./warren launcher or the package yet (README, userspace). Each figure is the
# median of RUNS starts in a fresh network namespace.
#
#   sudo bench/startup.sh        # 5 starts each
set -euo pipefail
cd "$(dirname "$(readlink -f "$0")")/.."
. scripts/jdk.sh
warren_find_jdk
RUNS="${1:-5}"
[ "$(id -u)" = 0 ] || { echo "bench/startup.sh: run as root" >&2; exit 1; }
if [ ! -f app/target/warren.jar ]; then
    warren_ensure_maven
    mvn -B -ntp -q -pl app -am package -DskipTests >&2
fi
NS="wsu-$$"
JSA="$(mktemp -d)/warren.jsa"
AOT="$(dirname "$JSA")/warren.aot"
trap 'ip netns del "$NS" 2>/dev/null || true; rm -rf "$(dirname "$JSA")"' EXIT
ip netns add "$NS"

# time_start <label> <command...>: median milliseconds until the command (which daemonizes) returns
time_start() {
    local label="$1"; shift
    local times=() i t0 t1 iface
    for i in $(seq "$RUNS"); do
        iface="wsu$$x$i"
        t0=$(date +%s%N)
        ip netns exec "$NS" env -u LOG_LEVEL "$@" "$iface" >/dev/null 2>&1
        t1=$(date +%s%N)
        [ -S "/var/run/wireguard/$iface.sock" ] || { echo "$label: no socket after start" >&2; exit 1; }
        times+=($(( (t1 - t0) / 1000000 )))
        ip -n "$NS" link del "$iface"
        for _ in $(seq 100); do [ -S "/var/run/wireguard/$iface.sock" ] || break; sleep 0.05; done
    done
    printf '%-36s median %5d ms   (%s)\n' "$label" \
        "$(printf '%s\n' "${times[@]}" | sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')" "${times[*]}"
}

JAVA=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED)
echo "startup until the UAPI socket accepts, $RUNS runs each, load $(cut -d' ' -f1-3 /proc/loadavg)"
time_start "wireguard-go" wireguard-go
time_start "warren userspace" "${JAVA[@]}" -cp app/target/warren.jar dev.warren.app.Main userspace
# A JVM that finds no usable archive writes one at exit (the daemon, which exits last, with the classes a
# running tunnel needs); later starts map it. One warm-up start and stop creates it.
ip netns exec "$NS" env -u LOG_LEVEL "${JAVA[@]}" -XX:SharedArchiveFile="$JSA" -XX:+AutoCreateSharedArchive \
    -cp app/target/warren.jar dev.warren.app.Main userspace "wsu$$w" >/dev/null
ip -n "$NS" link del "wsu$$w"
for _ in $(seq 100); do [ -f "$JSA" ] && [ ! -S "/var/run/wireguard/wsu$$w.sock" ] && break; sleep 0.1; done
sleep 1
time_start "warren userspace + AppCDS" "${JAVA[@]}" -XX:SharedArchiveFile="$JSA" -XX:+AutoCreateSharedArchive \
    -cp app/target/warren.jar dev.warren.app.Main userspace
# The AOT cache is written when the training JVM exits: a foreground daemon, stopped by deleting its interface
# once it serves (the same classes a daemonized start loads, in one JVM).
ip netns exec "$NS" env -u LOG_LEVEL "${JAVA[@]}" -XX:AOTCacheOutput="$AOT" -Xlog:aot=off,cds=off \
    -cp app/target/warren.jar dev.warren.app.Main userspace -f "wsu$$t" >/dev/null 2>&1 &
for _ in $(seq 200); do [ -S "/var/run/wireguard/wsu$$t.sock" ] && break; sleep 0.05; done
ip -n "$NS" link del "wsu$$t"
wait
time_start "warren userspace + AOT cache" "${JAVA[@]}" -XX:AOTCache="$AOT" -Xlog:aot=off,cds=off \
    -cp app/target/warren.jar dev.warren.app.Main userspace
