#!/bin/bash
# Fetches the arm64 Java runtime source for the cross-built arm64 .debs, verified end to end against Debian's
# archive signature: InRelease (gpgv, debian-archive-keyring) -> Packages.xz (SHA256) -> each .deb (SHA256).
#   fetch-arm64-jdk.sh OUT_DIR
# OUT_DIR/jdk      Debian 11 (bullseye) openjdk-17-jdk-headless + jre-headless for arm64: jmods (jlink input) and
#                  jdk.jpackage's aarch64 launcher. Built against glibc 2.31; its libjvm needs GLIBC_2.29.
# OUT_DIR/sysroot  arm64 libc6, libstdc++6, libgcc-s1, zlib1g from bullseye: lets qemu-aarch64-static -L run the
#                  jlinked runtime on this amd64 machine (tests).
# Idempotent: a complete OUT_DIR (marker file) is reused. Needs curl, xz, gpgv, dpkg-deb.
set -euo pipefail
OUT=$1
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SUITE=bullseye
KEYRING=${DEBIAN_KEYRING:-/usr/share/keyrings/debian-archive-keyring.gpg}
JDK_PKGS="openjdk-17-jdk-headless openjdk-17-jre-headless"
SYSROOT_PKGS="libc6 libstdc++6 libgcc-s1 zlib1g"

[ -f "$OUT/.complete" ] && { echo "fetch-arm64-jdk: reusing $OUT"; exit 0; }
for t in curl xz gpgv dpkg-deb sha256sum; do command -v $t >/dev/null || { echo "fetch-arm64-jdk: $t missing" >&2; exit 1; }; done
[ -f "$KEYRING" ] || { echo "fetch-arm64-jdk: $KEYRING missing (apt-get install debian-archive-keyring)" >&2; exit 1; }
rm -rf "$OUT"; mkdir -p "$OUT/dl" "$OUT/jdk" "$OUT/sysroot"
DL=$OUT/dl

curl -fsS -o "$DL/InRelease" "$MIRROR/dists/$SUITE/InRelease"
gpgv --keyring "$KEYRING" --output "$DL/Release" "$DL/InRelease" 2>"$DL/gpgv.log" \
    || { cat "$DL/gpgv.log" >&2; echo "fetch-arm64-jdk: bad signature on $SUITE/InRelease" >&2; exit 1; }
want=$(awk '/^SHA256:/{s=1;next} /^[A-Za-z]/{s=0} s && $3=="main/binary-arm64/Packages.xz"{print $1}' "$DL/Release")
[ -n "$want" ] || { echo "fetch-arm64-jdk: no main/binary-arm64/Packages.xz in Release" >&2; exit 1; }
curl -fsS -o "$DL/Packages.xz" "$MIRROR/dists/$SUITE/main/binary-arm64/Packages.xz"
echo "$want  $DL/Packages.xz" | sha256sum -c --quiet -
xz -dc "$DL/Packages.xz" > "$DL/Packages"

fetch () {  # fetch PACKAGE DEST_DIR: download the arm64 .deb named in the verified index, check, extract
    local pkg=$1 dest=$2 stanza file sha
    stanza=$(awk -v RS= -v p="$pkg" 'index($0, "Package: " p "\n") == 1' "$DL/Packages")
    file=$(sed -n 's/^Filename: //p' <<<"$stanza"); sha=$(sed -n 's/^SHA256: //p' <<<"$stanza")
    [ -n "$file" ] && [ -n "$sha" ] || { echo "fetch-arm64-jdk: $pkg not in $SUITE arm64" >&2; exit 1; }
    echo "fetch-arm64-jdk: $pkg $(sed -n 's/^Version: //p' <<<"$stanza")"
    curl -fsS -o "$DL/$pkg.deb" "$MIRROR/$file"
    echo "$sha  $DL/$pkg.deb" | sha256sum -c --quiet -
    dpkg-deb -x "$DL/$pkg.deb" "$dest"
}
for p in $JDK_PKGS; do fetch "$p" "$OUT/jdk"; done
for p in $SYSROOT_PKGS; do fetch "$p" "$OUT/sysroot"; done
ln -sfn usr/lib/jvm/java-17-openjdk-arm64 "$OUT/jdk/home"
[ -f "$OUT/jdk/home/jmods/java.base.jmod" ] || { echo "fetch-arm64-jdk: no jmods in openjdk-17-jdk-headless" >&2; exit 1; }
rm -rf "$DL"/*.deb
touch "$OUT/.complete"
echo "fetch-arm64-jdk: $(cat "$OUT/jdk/home/release" | sed -n 's/^JAVA_VERSION=//p') in $OUT/jdk/home"
