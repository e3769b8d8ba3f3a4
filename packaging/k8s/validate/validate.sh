#!/bin/sh
# Validates Kubernetes manifests against the API schemas (validate.mjs), with no manual
# `npm install`: the node modules pinned in package.json are installed once into a cache
# directory (when the npm registry is reachable) and reused from there.
#   packaging/k8s/validate/validate.sh [--install] DIR_OR_FILE...
# --install: install the modules into the cache when they are not there yet (else skip).
# Exit 0 valid, 1 invalid (one line per problem), 2 usage, 77 skipped: no node, or the modules
# are not installed and could not be (no npm, no registry). The cache:
# $PLATEAU_K8S_VALIDATE_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/plateau/k8s-validate.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
install=no
if [ "${1:-}" = "--install" ]; then
    install=yes
    shift
fi
[ $# -gt 0 ] || { echo "usage: validate.sh [--install] DIR_OR_FILE..." >&2; exit 2; }
command -v node >/dev/null 2>&1 || { echo "validate: node is not installed: skipped" >&2; exit 77; }

# A manual `npm install` beside the script still works; otherwise the cache, one per
# package.json (a change of the pinned versions installs afresh).
if [ -d "$here/node_modules/kubernetes-models" ]; then
    exec node "$here/validate.mjs" "$@"
fi
base=${PLATEAU_K8S_VALIDATE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/plateau/k8s-validate}
cache=$base/$(sha256sum "$here/package.json" | cut -c1-16)
if [ ! -d "$cache/node_modules/kubernetes-models" ]; then
    if [ "$install" != yes ]; then
        echo "validate: the node modules are not installed (validate.sh --install): skipped" >&2
        exit 77
    fi
    command -v npm >/dev/null 2>&1 || { echo "validate: npm is not installed: skipped" >&2; exit 77; }
    mkdir -p "$cache"
    cp "$here/package.json" "$cache/"
    if ! (cd "$cache" && npm install --no-audit --no-fund --loglevel=error >"$cache/install.log" 2>&1); then
        echo "validate: npm install failed (is the npm registry reachable?): skipped" >&2
        tail -5 "$cache/install.log" >&2
        rm -rf "$cache/node_modules"
        exit 77
    fi
fi
cp "$here/validate.mjs" "$cache/validate.mjs" # node resolves the modules beside the script
exec node "$cache/validate.mjs" "$@"
