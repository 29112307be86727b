#!/bin/bash
# Builds msp_v<MAJOR>_<arch>.deb (minisipphone) and mss_v<MAJOR>_<arch>.deb (minisipserver) with jpackage,
# each with its own jlinked runtime made from Temurin's JDK (glibc floor 2.17, not Debian's OpenJDK: 2.34).
# Called by the installers module (mvn -Pdeb package; -Pdeb,deb-arm64 adds the arm64 pair); runnable by hand:
#   build-deb.sh JDK_HOME|auto VERSION OUT_DIR PHONE_JAR SERVER_JAR [TARGET_ARCH TARGET_JDK_HOME]
# Cross build (TARGET_ARCH arm64 on an amd64 machine): JDK_HOME is a JDK 17 for this machine (jlink, jpackage),
# TARGET_JDK_HOME the arm64 JDK 17 fetched by fetch-arm64-jdk.sh: jlink links its jmods, and the app image gets
# the aarch64 launcher from its jdk.jpackage module (jpackage itself cannot cross-build).
set -euo pipefail

JDK=$1; VERSION=$2; OUT=$3; PHONE_JAR=$4; SERVER_JAR=$5
HOST_ARCH=$(dpkg --print-architecture)
ARCH=${6:-$HOST_ARCH}; TARGET_JDK=${7:-}
CROSS=false; [ "$ARCH" != "$HOST_ARCH" ] && CROSS=true
if $CROSS; then
    [ -n "$TARGET_JDK" ] && [ -f "$TARGET_JDK/jmods/java.base.jmod" ] \
        || { echo "build-deb: cross build to $ARCH needs TARGET_JDK_HOME with jmods (fetch-arm64-jdk.sh)" >&2; exit 1; }
    [ "$JDK" = auto ] && JDK=/usr/lib/jvm/java-17-openjdk-$HOST_ARCH
elif [ "$JDK" = auto ]; then   # newest Temurin JDK for this machine's architecture
    JDK=$(ls -d /usr/lib/jvm/temurin-*-jdk-"$(dpkg --print-architecture)" 2>/dev/null | sort -V | tail -1)
    [ -n "$JDK" ] || { echo "build-deb: no /usr/lib/jvm/temurin-*-jdk-*; install Temurin or pass -Dtemurin.home=DIR" >&2; exit 1; }
fi
echo "build-deb: JDK $JDK"
HERE=$(cd "$(dirname "$0")" && pwd)
SRC=$(dirname "$HERE")                       # installers/src
MAJOR=${VERSION%%.*}
APP_VERSION=${VERSION%%-*}                   # jpackage wants digits and dots only: 10.0.0-SNAPSHOT -> 10.0.0
MAINTAINER="minisip developers <minisip@example.org>"
HOMEPAGE="https://github.com/minisip/minisip"
# modules jdeps does not see: EC/XDH TLS key exchange, DNS lookups (JNDI), service loaders, charsets, zip fs
EXTRA_MODULES="jdk.crypto.ec,jdk.naming.dns,java.naming,java.logging,java.management,jdk.charsets,jdk.zipfs,jdk.unsupported"
JAVA_OPTS=(--java-options '--enable-native-access=ALL-UNNAMED')
# The phone's JVM: Serial GC and a 16 MB initial heap (G1 and the default initial heap of 1/64 of RAM cost ~30 MB of
# RSS for a phone with ~15 MB live), and only the C1 JIT (C2's compiles cost more CPU than they save in a call; start
# and call CPU about -35 %). Measured in docs/BENCHMARKS.md ("Phone: lighter and faster"); README lists them for
# `java -jar` users. The server keeps the defaults (C2 pays off under load).
PHONE_JAVA_OPTS=("${JAVA_OPTS[@]}" --java-options '-XX:+UseSerialGC' --java-options '-Xms16m'
    --java-options '-XX:TieredStopAtLevel=1')
content_opt () { $CROSS || echo "--app-content $1"; }  # JDK 17 (cross) has none: cross_launcher copies instead

for t in jlink jdeps jpackage java javac; do
    [ -x "$JDK/bin/$t" ] || { echo "build-deb: $JDK/bin/$t missing (need a full Temurin JDK, -Dtemurin.home=...)" >&2; exit 1; }
done
$CROSS || grep -q 'IMPLEMENTOR="Eclipse Adoptium"' "$JDK/release" \
    || echo "build-deb: WARNING: $JDK is not Temurin; its glibc floor may be higher than 2.17" >&2
[ -f "$PHONE_JAR" ] && [ -f "$SERVER_JAR" ] || { echo "build-deb: shaded jars missing: $PHONE_JAR $SERVER_JAR" >&2; exit 1; }

# Debian's arm64 OpenJDK links libstdc++, libgcc_s, zlib and (java.desktop) the image/font libraries
# dynamically where Temurin bundles them; its libjvm.so needs GLIBC_2.29 (exp/log/pow).
CROSS_DEPENDS="libc6 (>= 2.29), libstdc++6, libgcc-s1 | libgcc1, zlib1g"
PHONE_CROSS_DEPENDS="libfreetype6, libharfbuzz0b, libjpeg62-turbo | libjpeg62, liblcms2-2, libpng16-16, libgif7"

WORK=$OUT/deb-work-$ARCH
rm -rf "$WORK"; mkdir -p "$WORK"
rm -f "$OUT"/msp_v*_"$ARCH".deb "$OUT"/mss_v*_"$ARCH".deb

runtime () {  # runtime NAME JAR -> $WORK/NAME-runtime
    local name=$1 jar=$2 mods
    mods=$("$JDK/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps "$jar" | tail -1)
    mods="$mods,$EXTRA_MODULES"
    echo "build-deb: $name runtime modules: $mods"
    if $CROSS; then  # the target's jmods; jlink's native stripping would run this machine's objcopy: strip_elfs does it
        "$JDK/bin/jlink" --module-path "$TARGET_JDK/jmods" --add-modules "$mods" --output "$WORK/$name-runtime" \
            --strip-java-debug-attributes --no-header-files --no-man-pages --compress=2
    else  # --generate-cds-archive: the JDK's default CDS archive (lib/server/classes.jsa), as a full JDK has;
        # without it every start parses and verifies the JDK's classes again (cross builds cannot run the target JVM)
        "$JDK/bin/jlink" --add-modules "$mods" --output "$WORK/$name-runtime" \
            --strip-debug --no-header-files --no-man-pages --compress=zip-6 --generate-cds-archive
        # the archive for -XX:-UseCompressedOops only serves heaps over 32 GB: 14 MB the packages need not carry
        rm -f "$WORK/$name-runtime"/lib/server/classes_nocoops*.jsa
    fi
}

cross_launcher () {  # cross_launcher APP_IMAGE_DIR NAME CONTENT_DIR: swap this machine's jpackage launcher for
    # the target's, and add the app content JDK 17's jpackage has no --app-content for (it lands in lib/ as there)
    local img=$1 name=$2 content=$3 jp=$WORK/target-jpackage
    cp -r "$content" "$img/lib/"
    [ -d "$jp" ] || "$JDK/bin/jmod" extract --dir "$jp" "$TARGET_JDK/jmods/jdk.jpackage.jmod"
    install -m 0755 "$jp/classes/jdk/jpackage/internal/resources/jpackageapplauncher" "$img/bin/$name"
    install -m 0644 "$jp/classes/jdk/jpackage/internal/resources/libjpackageapplauncheraux.so" "$img/lib/libapplauncher.so"
}

glibc_floor () {  # highest GLIBC_x.y symbol version any ELF in $1 needs
    find "$1" -type f \( -name '*.so' -o -perm -u+x \) -exec sh -c 'file -b "$1" | grep -q ELF && objdump -T "$1"' _ {} \; 2>/dev/null \
        | grep -o 'GLIBC_[0-9.]*' | sort -uV | tail -1
}

strip_elfs () {  # Temurin ships unstripped native code; strip symbol tables (lintian: unstripped-binary-or-object)
    local strip=strip
    if $CROSS; then strip=aarch64-linux-gnu-strip; fi   # binutils-aarch64-linux-gnu
    command -v $strip >/dev/null || { echo "build-deb: $strip missing" >&2; exit 1; }
    find "$1" -type f | while read -r f; do
        if file -b "$f" | grep -q '^ELF'; then $strip --strip-unneeded "$f"; fi
    done
}

repack () {  # repack DEB PACKAGE: adds what lintian wants outside /opt (copyright, changelog, overrides, md5sums)
    local deb=$1 pkg=$2 d=$WORK/repack-$2 doc
    rm -rf "$d"; dpkg-deb -R "$deb" "$d"
    doc=$d/usr/share/doc/$pkg
    mkdir -p "$doc" "$d/usr/share/lintian/overrides"
    sed "s/PACKAGE/$pkg/g" "$SRC/deb/common/copyright" > "$doc/copyright"
    printf '%s (%s-1) unstable; urgency=medium\n\n  * Built by minisip installers (jpackage).\n\n -- %s  %s\n' \
        "$pkg" "$APP_VERSION" "$MAINTAINER" "$(date -R -u -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")" \
        | gzip -9n > "$doc/changelog.Debian.gz"
    sed "s/PACKAGE/$pkg/g" "$SRC/deb/common/lintian-overrides" > "$d/usr/share/lintian/overrides/$pkg"
    chmod 0644 "$doc/copyright" "$doc/changelog.Debian.gz" "$d/usr/share/lintian/overrides/$pkg"
    sed -i -e "s/^Architecture: .*/Architecture: $ARCH/" "$d/DEBIAN/control"
    if $CROSS; then
        local deps=$CROSS_DEPENDS; [ "$pkg" = minisipphone ] && deps="$deps, $PHONE_CROSS_DEPENDS"
        sed -i -e "s/^Depends: libc6 (>= 2.17)/Depends: $deps/" \
            -e 's/(Eclipse Temurin, jlinked)/(Debian 11 OpenJDK 17, jlinked)/' "$d/DEBIAN/control"
    fi
    sed -i "s/^Installed-Size: .*/Installed-Size: $(du -sk --exclude=DEBIAN "$d" | cut -f1)/" "$d/DEBIAN/control"
    (cd "$d" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
    chmod 0644 "$d/DEBIAN/md5sums"
    rm -f "$deb"
    dpkg-deb --root-owner-group -Zxz -b "$d" "$deb" >/dev/null
}

jdk17_control () {  # JDK 17's jpackage (cross builds) knows APPLICATION_VERSION and APPLICATION_RELEASE only
    sed -i 's/APPLICATION_VERSION_WITH_RELEASE/APPLICATION_VERSION-APPLICATION_RELEASE/' "$1"
}

tls_check () {  # a real TLS 1.3 + 1.2 handshake (EC key, X25519) inside the jlinked runtime
    local rt=$1
    mkdir -p "$WORK/tlscheck"
    [ -f "$WORK/tlscheck/TlsCheck.class" ] || "$JDK/bin/javac" --release 17 -d "$WORK/tlscheck" "$SRC/tools/TlsCheck.java"
    [ -f "$WORK/tlscheck/ks.p12" ] || "$JDK/bin/keytool" -genkeypair -keyalg EC -groupname secp256r1 -alias k \
        -dname CN=localhost -storepass changeit -keystore "$WORK/tlscheck/ks.p12" -storetype PKCS12 -validity 2 >/dev/null 2>&1
    "$rt/bin/java" -cp "$WORK/tlscheck" TlsCheck "$WORK/tlscheck/ks.p12" changeit
}

# icons: SVG + PNGs rendered from the same shapes
ICONS=$WORK/icons
"$JDK/bin/java" -Djava.awt.headless=true "$SRC/tools/RenderIcon.java" "$ICONS" 16 24 32 48 64 128 256

# ---- phone ----
runtime phone "$PHONE_JAR"
mkdir -p "$WORK/phone-in" "$WORK/phone-content/share/applications" "$WORK/phone-res"
cp "$PHONE_JAR" "$WORK/phone-in/"
cp "$SRC/deb/phone/minisipphone.desktop" "$WORK/phone-content/share/applications/"
for s in 16 24 32 48 64 128 256; do
    mkdir -p "$WORK/phone-content/share/icons/hicolor/${s}x${s}/apps"
    cp "$ICONS/$s.png" "$WORK/phone-content/share/icons/hicolor/${s}x${s}/apps/minisipphone.png"
done
mkdir -p "$WORK/phone-content/share/icons/hicolor/scalable/apps"
cp "$SRC/icons/minisipphone.svg" "$WORK/phone-content/share/icons/hicolor/scalable/apps/"
cp "$SRC/deb/phone/control" "$SRC/deb/phone/postinst" "$SRC/deb/phone/prerm" "$WORK/phone-res/"
$CROSS && jdk17_control "$WORK/phone-res/control"
"$JDK/bin/jpackage" --type app-image --dest "$WORK/phone-image" \
    --name minisipphone --app-version "$APP_VERSION" --vendor "minisip" \
    --description "SIP softphone with SRTP: desktop UI and scriptable headless CLI" \
    --copyright "minisip developers" \
    --input "$WORK/phone-in" --main-jar "$(basename "$PHONE_JAR")" --main-class org.minisip.phone.PhoneApp \
    --runtime-image "$WORK/phone-runtime" "${PHONE_JAVA_OPTS[@]}" \
    $(content_opt "$WORK/phone-content/share")
$CROSS && cross_launcher "$WORK/phone-image/minisipphone" minisipphone "$WORK/phone-content/share"
strip_elfs "$WORK/phone-image/minisipphone"
echo "build-deb: phone app image (runtime + launcher) glibc floor: $(glibc_floor "$WORK/phone-image/minisipphone")"
$CROSS || tls_check "$WORK/phone-image/minisipphone/lib/runtime"   # cross: the tests run the target runtime under qemu
"$JDK/bin/jpackage" --type deb --dest "$WORK/phone-out" --app-image "$WORK/phone-image/minisipphone" \
    --name minisipphone --app-version "$APP_VERSION" --vendor "minisip" \
    --description "SIP softphone with SRTP: desktop UI and scriptable headless CLI" \
    --copyright "minisip developers" --about-url "$HOMEPAGE" \
    --resource-dir "$WORK/phone-res" \
    --install-dir /opt \
    --linux-package-name minisipphone --linux-deb-maintainer "minisip@example.org" \
    --linux-app-category comm --linux-app-release 1
mv "$WORK"/phone-out/*.deb "$OUT/msp_v${MAJOR}_${ARCH}.deb"
repack "$OUT/msp_v${MAJOR}_${ARCH}.deb" minisipphone

# ---- server ----
runtime server "$SERVER_JAR"
mkdir -p "$WORK/server-in" "$WORK/server-content/systemd" "$WORK/server-res"
cp "$SERVER_JAR" "$WORK/server-in/"
cp "$SRC/deb/server/minisipserver.service" "$WORK/server-content/systemd/"
cp "$SRC/deb/server/control" "$SRC/deb/server/postinst" "$SRC/deb/server/prerm" "$SRC/deb/server/postrm" "$WORK/server-res/"
$CROSS && jdk17_control "$WORK/server-res/control"
"$JDK/bin/jpackage" --type app-image --dest "$WORK/server-image" \
    --name minisipserver-cli --app-version "$APP_VERSION" --vendor "minisip" \
    --description "Lightweight SIP PBX server (registrar, B2BUA, TLS, CDRs) running under systemd" \
    --copyright "minisip developers" \
    --input "$WORK/server-in" --main-jar "$(basename "$SERVER_JAR")" --main-class org.minisip.server.PbxServer \
    --runtime-image "$WORK/server-runtime" "${JAVA_OPTS[@]}" \
    $(content_opt "$WORK/server-content/systemd")
$CROSS && cross_launcher "$WORK/server-image/minisipserver-cli" minisipserver-cli "$WORK/server-content/systemd"
strip_elfs "$WORK/server-image/minisipserver-cli"
echo "build-deb: server app image (runtime + launcher) glibc floor: $(glibc_floor "$WORK/server-image/minisipserver-cli")"
$CROSS || tls_check "$WORK/server-image/minisipserver-cli/lib/runtime"   # cross: the tests run the target runtime under qemu
"$JDK/bin/jpackage" --type deb --dest "$WORK/server-out" --app-image "$WORK/server-image/minisipserver-cli" \
    --name minisipserver-cli --app-version "$APP_VERSION" --vendor "minisip" \
    --description "Lightweight SIP PBX server (registrar, B2BUA, TLS, CDRs) running under systemd" \
    --copyright "minisip developers" --about-url "$HOMEPAGE" \
    --resource-dir "$WORK/server-res" \
    --install-dir /opt \
    --linux-package-name minisipserver --linux-deb-maintainer "minisip@example.org" \
    --linux-app-category net --linux-app-release 1
mv "$WORK"/server-out/*.deb "$OUT/mss_v${MAJOR}_${ARCH}.deb"
repack "$OUT/mss_v${MAJOR}_${ARCH}.deb" minisipserver

ls -l "$OUT"/ms[ps]_v"${MAJOR}"_"${ARCH}".deb
