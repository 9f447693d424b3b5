#!/usr/bin/env bash
# The README's test command: installs everything the tests need (as root, non-interactively), then runs the
# whole suite — unit tests, the network-namespace interop tests against wireguard-go, and the GUI tests
# under Xvfb.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
. "$here/scripts/jdk.sh"
warren_find_jdk

packages=(maven wireguard-go wireguard-tools iproute2 iputils-ping iperf3 tcpdump nftables openssl curl
          xvfb xauth imagemagick librsvg2-bin trayer procps dbus-daemon dbus-bin
          binutils desktop-file-utils systemd python3 bind9-dnsutils x11-utils)
if [ "$(id -u)" != 0 ]; then
    echo "scripts/test.sh: run as root (the interop tests create network namespaces)." >&2
    exit 1
fi
missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "scripts/test.sh: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

cd "$here"
exec mvn -B -ntp verify -Dtest.excludedGroups= "$@"
