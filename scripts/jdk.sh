# Sourced by ./warren and scripts/test.sh: exports JAVA_HOME pointing at a JDK 25, or exits with one sentence.
warren_find_jdk() {
    local candidate
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
        if "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "25([."]|$)'; then
            export JAVA_HOME="$candidate"
            export PATH="$JAVA_HOME/bin:$PATH"
            return 0
        fi
    done
    echo "warren: no JDK 25 found: set JAVA_HOME to a JDK 25 or install one under /usr/lib/jvm (e.g. temurin-25-jdk-amd64)." >&2
    exit 1
}

# Maven comes from Debian's package; install it when running as root on a fresh machine.
warren_ensure_maven() {
    command -v mvn >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "warren: installing Maven (apt-get install maven)..." >&2
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null &&
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven >/dev/null && return 0
    fi
    echo "warren: Maven (mvn) is needed to build Warren: install the 'maven' package." >&2
    exit 1
}
