#!/bin/sh
# Builds the base root file system of the plateau-cli image offline from a Debian mirror (no
# image registry needed): Debian 12 "bookworm", minbase, plus Qt Core + Network and TLS.
#   packaging/image/build-rootfs.sh [OUT.tar] [MIRROR]
# Imports it as localhost/plateau-base:12 when podman is installed; then see Containerfile.
# mmdebstrap runs unprivileged (--mode=unshare) when user namespaces allow, else as root.
set -eu
out=${1:-plateau-base.tar}
mirror=${2:-http://deb.debian.org/debian}
packages=libqt6core6,libqt6network6,libssl3,ca-certificates

mmdebstrap --variant=minbase --include="$packages" \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
    bookworm "$out" "$mirror"

# The root fs must hold what plateau-cli loads at run time.
for lib in libQt6Core.so.6 libQt6Network.so.6 libssl.so.3; do
    tar -tf "$out" | grep -q "/$lib\$" || { echo "build-rootfs: $lib missing from $out" >&2; exit 1; }
done
echo "build-rootfs: $out ($(du -h "$out" | cut -f1)) holds Qt Core, Qt Network and libssl"

if command -v podman >/dev/null 2>&1; then
    podman import "$out" localhost/plateau-base:12
    echo "build-rootfs: imported as localhost/plateau-base:12"
fi
