#!/usr/bin/env bash
# One command for Warren's JMH benchmarks: builds the shaded benchmark jar, runs the benchmarks with the GC
# profiler (allocation per operation), runs `openssl speed -evp chacha20-poly1305` on the same machine in the
# same run, and prints a summary with the per-core ratio Warren/OpenSSL for transport encryption.
#
#   bench/jmh.sh                 # all benchmarks (a few minutes)
#   bench/jmh.sh Transport       # only benchmarks whose name matches the regex
#
# Both sides run on one thread and are timed in wall-clock time (openssl with -elapsed), so the ratio compares
# like with like even on a busy machine; absolute figures still depend on the machine's load.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
warren_find_jdk
warren_ensure_maven

PATTERN="${1:-dev.warren.bench}"
SIZE=1420
OUT=bench/target/jmh
mkdir -p "$OUT"

echo "== building bench/target/benchmarks.jar" >&2
mvn -B -ntp -q -pl bench -am package -DskipTests

echo "== JMH ($PATTERN), one thread, -prof gc" >&2
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar "$PATTERN" -t 1 -prof gc \
    -rf csv -rff "$OUT/results.csv" | tee "$OUT/jmh.log" >&2

echo "== openssl speed -evp chacha20-poly1305 -bytes $SIZE -elapsed" >&2
OPENSSL_BPS=$(openssl speed -evp chacha20-poly1305 -bytes "$SIZE" -seconds 5 -elapsed -mr 2>/dev/null \
    | awk -F: '/^\+F:/ {print $4}' | tail -1)
openssl version >&2

# Benchmark,Mode,Threads,Samples,Score,Score Error (99.9%),Unit[,Param: size]
score() { awk -F, -v b="\"$1\"" '$1 == b {gsub(/"/, "", $5); print $5}' "$OUT/results.csv"; }
ENC=$(score dev.warren.bench.TransportBenchmark.encrypt)
DEC=$(score dev.warren.bench.TransportBenchmark.decrypt)
ENC_ALLOC=$(score dev.warren.bench.TransportBenchmark.encrypt:gc.alloc.rate.norm)
DEC_ALLOC=$(score dev.warren.bench.TransportBenchmark.decrypt:gc.alloc.rate.norm)
HS=$(score dev.warren.bench.HandshakeBenchmark.initiationAndResponse)
PIPE=$(score dev.warren.bench.SendPipelineBenchmark.send)
PIPE_ALLOC=$(score dev.warren.bench.SendPipelineBenchmark.send:gc.alloc.rate.norm)
# Other benchmarks (e.g. allowed-IPs lookup) are listed as measured, with their parameters.
OTHERS=$(awk -F, 'NR == 1 { for (i = 8; i <= NF; i++) { name[i] = $i; gsub(/"|Param: /, "", name[i]) } next }
    $1 !~ /:/ && $1 !~ /TransportBenchmark|HandshakeBenchmark|SendPipelineBenchmark/ {
        gsub(/"/, ""); params = ""
        for (i = 8; i <= NF; i++) { gsub(/[ \r]/, "", $i); if ($i != "") params = params ", " name[i] "=" $i }
        sub(/^dev\.warren\.bench\./, "", $1)
        printf "%s%s: %.1f %s\n", $1, (params ? " (" substr(params, 3) ")" : ""), $5, $7
    }' "$OUT/results.csv")

{
    echo
    echo "== summary (one core, $SIZE-byte packets)"
    awk -v enc="$ENC" -v dec="$DEC" -v ea="$ENC_ALLOC" -v da="$DEC_ALLOC" -v hs="$HS" -v ossl="$OPENSSL_BPS" \
        -v size="$SIZE" -v pipe="$PIPE" -v pa="$PIPE_ALLOC" -v cores="$(nproc)" 'BEGIN {
        if (enc != "") printf "Warren encrypt : %8.0f packets/s = %6.2f Gbit/s  (%s B/op allocated)\n", enc, enc*size*8/1e9, ea
        if (dec != "") printf "Warren decrypt : %8.0f packets/s = %6.2f Gbit/s  (%s B/op allocated)\n", dec, dec*size*8/1e9, da
        if (ossl != "") printf "OpenSSL seal   : %8.0f packets/s = %6.2f Gbit/s\n", ossl/size, ossl*8/1e9
        if (enc != "" && ossl != "") printf "ratio encrypt Warren/OpenSSL per core: %.2f\n", enc*size/ossl
        if (hs != "") printf "handshakes (initiation+response, both sides): %.0f /s\n", hs
        if (pipe != "") printf "Device send path, all %d cores: %8.0f packets/s = %6.2f Gbit/s  (%s B/packet allocated)\n", cores, pipe, pipe*size*8/1e9, pa
    }'
    [ -n "$OTHERS" ] && echo "$OTHERS"
    echo "(raw results: $OUT/results.csv, log: $OUT/jmh.log)"
} | tee "$OUT/summary.txt"
