#!/usr/bin/env bash
# Builds the Warren .deb in one command: the app (Maven package), a jlink runtime holding only the modules in
# runtime-modules.txt, the jpackage app image (native launcher + runtime) under /opt/warren, and around it the
# files dpkg must own: /usr/bin/warren and warren-userspace, the systemd unit, the desktop entry, the hicolor
# icons and the maintainer scripts. Prints the runtime, installed and package sizes.
#
# Why jpackage --type app-image and dpkg-deb rather than jpackage --type deb: jpackage's .deb can only place files
# under its install directory and reaches everything else (desktop entry, icons, unit) through maintainer-script
# side effects that dpkg does not track, and its service support runs "systemctl enable --now" unguarded, which
# fails the installation wherever systemd is not running. Here every file belongs to the package.
#
# usage: packaging/build-deb.sh [--skip-maven] [--output DIR] [--fast]
#   --skip-maven  use app/target as it is (the Maven reactor has just built it)
#   --output DIR  where the .deb goes (default packaging/target)
#   --fast        gzip -1 instead of xz: for tests, which check contents, not size
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
root="$(cd "$here/.." && pwd)"
. "$root/scripts/jdk.sh"
warren_find_jdk

skip_maven=false
output="$here/target"
compression=(-Zxz)
while [ $# -gt 0 ]; do
    case "$1" in
        --skip-maven) skip_maven=true ;;
        --output) output="$(mkdir -p "$2" && cd "$2" && pwd)"; shift ;;
        --fast) compression=(-Zgzip -z1) ;;
        *) echo "build-deb.sh: unknown option '$1' (allowed: --skip-maven, --output DIR, --fast)" >&2; exit 2 ;;
    esac
    shift
done
for tool in dpkg-deb objdump; do
    command -v "$tool" >/dev/null || { echo "build-deb.sh: '$tool' is missing: apt-get install dpkg binutils" >&2; exit 1; }
done

if ! $skip_maven; then
    warren_ensure_maven
    echo "build-deb.sh: building the app (mvn package)..." >&2
    (cd "$root" && mvn -B -ntp -q -DskipTests -pl app -am package)
fi
app="$root/app/target"
[ -f "$app/warren.jar" ] && [ -d "$app/lib" ] ||
    { echo "build-deb.sh: $app/warren.jar and $app/lib are missing: run without --skip-maven" >&2; exit 1; }

# Debian versions sort "~" before anything, so 0.1.0~SNAPSHOT precedes the 0.1.0 release.
pom_version="$(sed -n '/<artifactId>warren-parent<\/artifactId>/,/<\/version>/s:.*<version>\(.*\)</version>.*:\1:p' "$root/pom.xml")"
deb_version="${pom_version//-/\~}"
numeric_version="${pom_version%%-*}"
arch="$(dpkg --print-architecture)"
case "$arch" in
    amd64) jna_platform=linux-x86-64 ;;
    arm64) jna_platform=linux-aarch64 ;;
    *) echo "build-deb.sh: no JNA native library is known for architecture '$arch'" >&2; exit 1 ;;
esac

work="$output/deb-build"
rm -rf "$work"
mkdir -p "$work"

# 1. The runtime: the listed modules, and a check that jdeps finds nothing the list lacks.
modules="$(sed -e 's/#.*//' "$here/runtime-modules.txt" | xargs | tr ' ' ',')"
# The module image stays uncompressed: the .deb is xz-compressed as a whole, which makes it a third smaller than
# compressing twice, and classes load without inflating. The CDS archive makes every warren command start
# faster; the archive for heaps over 32 GiB (no compressed oops) is dropped, the JVM runs without it there.
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$work/runtime" \
    --strip-debug --no-header-files --no-man-pages --generate-cds-archive >/dev/null
rm -f "$work/runtime/lib/server/classes_nocoops.jsa"
linked=" $(sed -n 's/^MODULES="\(.*\)"$/\1/p' "$work/runtime/release") "
if ! deps="$("$JAVA_HOME/bin/jdeps" -q --multi-release 25 --ignore-missing-deps \
        --print-module-deps "$app/warren.jar" "$app"/lib/*.jar 2>&1)"; then
    echo "build-deb.sh: jdeps could not analyse the app:" >&2
    echo "$deps" >&2
    exit 1
fi
needed="$(sed '/^Warning/d' <<<"$deps" | tr ',' ' ')"
for module in $needed; do
    case "$linked" in
        *" $module "*) ;;
        *) echo "build-deb.sh: the app now needs the JDK module $module (jdeps), which the runtime lacks:" \
                "add it to packaging/runtime-modules.txt with the reason" >&2; exit 1 ;;
    esac
done

# 2. The app image. JNA's native stub is shipped unpacked next to the jars and JNA is told never to unpack
#    one: the manager's sandbox has no writable home, and /tmp may be mounted noexec.
input="$work/input"
mkdir -p "$input/native"
cp "$app/warren.jar" "$input/"
cp -r "$app/lib" "$input/lib"
extract() { # jar, entry, directory: the entry lands in the directory under its own file name
    local scratch="$work/extract"
    mkdir -p "$scratch" "$3"
    (cd "$scratch" && "$JAVA_HOME/bin/jar" xf "$1" "$2")
    mv "$scratch/$2" "$3/"
    rm -rf "$scratch"
}
extract "$(ls "$app"/lib/jna-[0-9]*.jar)" "com/sun/jna/$jna_platform/libjnidispatch.so" "$input/native"
# The hicolor theme's fixed-size directories (20 px is a tray size, not a hicolor one).
icons="$work/icons"
icons_jar="$(ls "$app"/lib/icons-*.jar)"
for size in 16 22 24 32 48 64 128 256 512; do
    extract "$icons_jar" "dev/warren/icons/warren-$size.png" "$icons"
done
extract "$icons_jar" dev/warren/icons/warren.svg "$icons"
"$JAVA_HOME/bin/jpackage" --type app-image --dest "$work/image" --name warren \
    --app-version "$numeric_version" --vendor Warren \
    --description "WireGuard-compatible VPN client" \
    --input "$input" --main-jar warren.jar --main-class dev.warren.app.Main \
    --runtime-image "$work/runtime" --icon "$icons/warren-512.png" \
    --java-options '--enable-native-access=ALL-UNNAMED' \
    --java-options '-Djna.boot.library.path=$APPDIR/native' \
    --java-options '-Djna.nounpack=true'

# 3. The package tree.
tree="$work/tree"
install -d "$tree/opt" "$tree/usr/bin" "$tree/usr/lib/systemd/system" "$tree/usr/share/applications" \
    "$tree/usr/share/doc/warren" "$tree/DEBIAN"
cp -a "$work/image/warren" "$tree/opt/warren"
ln -s /opt/warren/bin/warren "$tree/usr/bin/warren"
install -m 0755 "$here/linux/warren-userspace" "$tree/usr/bin/"
install -m 0644 "$here/linux/warren-manager.service" "$tree/usr/lib/systemd/system/"
install -m 0644 "$here/linux/warren.desktop" "$tree/usr/share/applications/"
for size in 16 22 24 32 48 64 128 256 512; do
    install -D -m 0644 "$icons/warren-$size.png" "$tree/usr/share/icons/hicolor/${size}x${size}/apps/warren.png"
done
install -D -m 0644 "$icons/warren.svg" "$tree/usr/share/icons/hicolor/scalable/apps/warren.svg"
install -m 0644 "$root/README.md" "$tree/usr/share/doc/warren/README.md"
for script in postinst prerm postrm; do
    install -m 0755 "$here/linux/debian/$script" "$tree/DEBIAN/$script"
done

# Depends: the Debian packages owning the shared libraries that the launcher and the runtime name as NEEDED,
# apart from those inside the image — what dpkg-shlibdeps would compute.
depends="$(
    find "$tree/opt/warren" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec objdump -p {} + 2>/dev/null |
        awk '$1 == "NEEDED" { print $2 }' | sort -u |
        while read -r soname; do
            [ -z "$(find "$tree/opt/warren" -name "$soname" -print -quit)" ] || continue
            lib="$(ldconfig -p | awk -v so="$soname" '$1 == so && tolower($0) ~ /x86-64|aarch64/ { print $NF; exit }')"
            [ -n "$lib" ] || { echo "build-deb.sh: $soname is not installed here, so no package can be named for it" >&2; exit 1; }
            dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null ||
                { echo "build-deb.sh: no package owns $lib" >&2; exit 1; }
        done | sed 's/:.*//' | sort -u | paste -sd, - | sed 's/,/, /g'
)"
# The programs Warren runs: each field's package groups from commands.txt, in order, each group once.
declared() { # field
    awk -v field="$1" '!/^#/ && NF >= 3 && $2 == field && !seen[$3]++ { gsub(/\|/, " | ", $3); print $3 }' \
        "$here/linux/debian/commands.txt" | paste -sd, - | sed 's/,/, /g'
}
depends="$depends, $(declared Depends)"
installed_kib="$(du -sk --exclude=DEBIAN "$tree" | cut -f1)"
sed -e "s/@VERSION@/$deb_version/" -e "s/@ARCH@/$arch/" -e "s/@INSTALLED_SIZE@/$installed_kib/" \
    -e "s/@DEPENDS@/$depends/" -e "s/@RECOMMENDS@/$(declared Recommends)/" -e "s/@SUGGESTS@/$(declared Suggests)/" \
    "$here/linux/debian/control.in" > "$tree/DEBIAN/control"
(cd "$tree" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum > DEBIAN/md5sums)

deb="$output/warren_${deb_version}_${arch}.deb"
dpkg-deb --root-owner-group "${compression[@]}" --build "$tree" "$deb" >/dev/null

echo "runtime (jlink: $(tr ',' ' ' <<<"$modules")): $(du -sh "$work/runtime" | cut -f1)"
echo "installed size: $((installed_kib / 1024)) MiB"
echo "package: $deb ($(du -h "$deb" | cut -f1))"
