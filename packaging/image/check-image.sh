#!/bin/sh
# Checks the image recipe for real (issue 15): builds the base root file system with
# build-rootfs.sh, then, when podman can run containers here, builds the plateau-cli image and
# runs `plateau-cli --version` and a short simulated sweep in it; without podman it runs the
# same two commands in the root file system with chroot (as root), so the recipe is proved to
# hold everything plateau-cli loads.
#   packaging/image/check-image.sh PLATEAU_CLI [WORKDIR] [MIRROR]
# PLATEAU_REUSE_ROOTFS=1 reuses WORKDIR/plateau-base.tar of an earlier check (a quick rerun).
# Exit 0 passed, 1 failed, 77 skipped (no mmdebstrap, Debian mirror unreachable, or neither
# podman nor root for chroot). The root file system takes minutes (~8.5 min on 2 cores, mostly
# package download and unpack): CI keeps it between runs (.ci/run, /var/tmp/plateau-image).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli=$(cd "$(dirname "${1:?usage: check-image.sh PLATEAU_CLI [WORKDIR] [MIRROR]}")" && pwd)/$(basename "$1")
work=${2:-$(mktemp -d)}
mirror=${3:-http://deb.debian.org/debian}
skip() { echo "check-image: $* : skipped" >&2; exit 77; }

[ -x "$cli" ] || { echo "check-image: $cli is not an executable" >&2; exit 1; }
command -v mmdebstrap >/dev/null 2>&1 || skip "mmdebstrap is not installed (apt-get install mmdebstrap)"
/usr/lib/apt/apt-helper download-file "$mirror/dists/bookworm/Release" "$work/Release" \
    >/dev/null 2>&1 || skip "the Debian mirror $mirror is not reachable"

start=$(date +%s)
if [ "${PLATEAU_REUSE_ROOTFS:-0}" = 1 ] && [ -s "$work/plateau-base.tar" ]; then
    echo "check-image: reusing $work/plateau-base.tar (PLATEAU_REUSE_ROOTFS=1)"
    if command -v podman >/dev/null 2>&1; then
        podman import "$work/plateau-base.tar" localhost/plateau-base:12 >/dev/null
    fi
else
    # Built under another name and renamed when whole, so an interrupted build is never reused
    # (mmdebstrap picks the format from the name: it must end in .tar).
    sh "$here/build-rootfs.sh" "$work/plateau-base.new.tar" "$mirror"
    mv "$work/plateau-base.new.tar" "$work/plateau-base.tar"
fi
echo "check-image: root file system in $(($(date +%s) - start)) s"

# A sweep short enough for CI: two levels of 1 s on the built-in simulator.
sweep="run --url sim -c 1,2 --duration-per-level 1 --output-tokens 16 --input-tokens 16 --quiet"

# podman's defaults (crun, rlimits above the caller's) fail in some sandboxes (e.g. cgroups v1
# + v2 hybrid, a lower hard RLIMIT_NOFILE): then runc with the caller's own limits.
podman_works() {
    podman run --rm localhost/plateau-base:12 true >/dev/null 2>&1 && return 0
    global="--runtime runc"
    limits="--ulimit nofile=$(ulimit -Hn):$(ulimit -Hn) --ulimit nproc=1024:1024"
    # shellcheck disable=SC2086
    podman $global run $limits --rm localhost/plateau-base:12 true >/dev/null 2>&1 || return 1
    echo "check-image: podman runs containers here only with: $global (run, build) $limits" >&2
}

global=""
limits=""
if command -v podman >/dev/null 2>&1 && podman_works; then
    mkdir -p "$work/context"
    cp "$cli" "$work/context/plateau-cli"
    # shellcheck disable=SC2086
    podman $global build $limits -f "$here/Containerfile" \
        --build-arg BASE=localhost/plateau-base:12 -t localhost/plateau-cli:check "$work/context"
    # shellcheck disable=SC2086
    podman $global run $limits --rm localhost/plateau-cli:check --version
    # shellcheck disable=SC2086
    podman $global run $limits --rm localhost/plateau-cli:check $sweep
    echo "check-image: image localhost/plateau-cli:check built and ran a sweep"
elif [ "$(id -u)" -eq 0 ]; then
    root="$work/rootfs"
    mkdir -p "$root"
    tar -xf "$work/plateau-base.tar" -C "$root"
    cp "$cli" "$root/usr/local/bin/plateau-cli"
    chroot "$root" /usr/local/bin/plateau-cli --version
    # shellcheck disable=SC2086
    chroot "$root" env HOME=/tmp XDG_CACHE_HOME=/tmp/.cache /usr/local/bin/plateau-cli $sweep
    echo "check-image: no podman here; plateau-cli ran a sweep in the root file system (chroot)"
else
    skip "neither podman nor root (for chroot) to run plateau-cli in the root file system"
fi
echo "check-image: passed in $(($(date +%s) - start)) s"
