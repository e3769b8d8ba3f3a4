#!/bin/sh
# Plateau against a real llama.cpp server (issue 14's "done when"): the same plan measured with
# --api openai-chat (/v1/chat/completions), --api anthropic (/v1/messages) and
# --api openai-responses (/v1/responses) must give the same TTFT and TPOT within noise, lose no
# request, and count every request's output tokens from the server's usage.
#   tests/realserver/llamacpp/check.sh PLATEAU_CLI [CACHE_DIR]
# CACHE_DIR (default /var/tmp/plateau-llamacpp) keeps llama-server, its libraries and a tiny
# random-weight model between runs (.ci/run, like the image stage's Debian root). Made once:
#   - from PLATEAU_LLAMACPP_SRC, a llama.cpp source tree (its build/bin/llama-server is reused
#     when there, else built in DIR/build), or
#   - from npm: node-llama-cpp ships llama.cpp's source as a git bundle; it is cloned and
#     llama-server built (Release, CPU only, no curl/openssl; ~15-25 min on 2 cores).
# The model: make-tiny-model.py (gguf-py from that tree, Debian's python3-numpy).
# Exit 0 passed, 1 failed, 77 skipped (no cache and no way to make one: npm unreachable, no
# numpy...). PLATEAU_LLAMACPP_SECONDS sets the seconds per level (default 8),
# PLATEAU_LLAMACPP_RATES the levels in requests per second (default 5,10).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cli=$(cd "$(dirname "${1:?usage: check.sh PLATEAU_CLI [CACHE_DIR]}")" && pwd)/$(basename "$1")
cache=${2:-/var/tmp/plateau-llamacpp}
version=3.22.1 # node-llama-cpp, which pins llama.cpp's source
ready="$cache/llama-server-node-llama-cpp-$version"
seconds=${PLATEAU_LLAMACPP_SECONDS:-8}
rates=${PLATEAU_LLAMACPP_RATES:-5,10}
skip() { echo "llamacpp-check: $* : skipped" >&2; exit 77; }
die() { echo "llamacpp-check: FAILED: $*" >&2; exit 1; }
say() { echo "llamacpp-check: $*"; }

[ -x "$cli" ] || die "$cli is not an executable"
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3) || skip "python3 is not installed"
mkdir -p "$cache"

# --- The server and the model, made once (under another name, renamed when whole, so an
# interrupted preparation is never reused).
build_server() { # SRC: builds SRC/build/bin/llama-server unless it is there
    [ -x "$1/build/bin/llama-server" ] && return 0
    command -v cmake >/dev/null 2>&1 || skip "cmake is not installed (to build llama-server)"
    say "building llama-server in $1/build (once; minutes)"
    cmake -S "$1" -B "$1/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON \
        -DGGML_NATIVE=ON -DLLAMA_CURL=OFF -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_TESTS=OFF \
        -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_UI=OFF >"$1/cmake.log" 2>&1 ||
        { tail -20 "$1/cmake.log" >&2; die "configuring llama.cpp failed"; }
    cmake --build "$1/build" --target llama-server -j"$(nproc)" >"$1/build.log" 2>&1 ||
        { tail -30 "$1/build.log" >&2; die "building llama-server failed"; }
}

fetch_source() { # DIR: node-llama-cpp's bundle cloned to DIR/llama.cpp
    command -v npm >/dev/null 2>&1 || skip "no cached llama-server and npm is not installed"
    command -v git >/dev/null 2>&1 || skip "no cached llama-server and git is not installed"
    (cd "$1" && npm pack "node-llama-cpp@$version" >npm.log 2>&1) || {
        rm -rf "$1"
        skip "no cached llama-server and npm could not fetch node-llama-cpp@$version"
    }
    tar -xzf "$1/node-llama-cpp-$version.tgz" -C "$1" package/llama/gitRelease.bundle
    git -c advice.detachedHead=false clone -q "$1/package/llama/gitRelease.bundle" "$1/llama.cpp"
    rm -rf "$1/package" "$1/node-llama-cpp-$version.tgz"
}

prepare() {
    "$python" -c 'import numpy' 2>/dev/null || skip "no cached model and python3-numpy is missing"
    new="$ready.new"
    rm -rf "$new"
    mkdir -p "$new/lib"
    src=${PLATEAU_LLAMACPP_SRC:-}
    if [ -z "$src" ]; then
        fetch_source "$new"
        src="$new/llama.cpp"
    fi
    build_server "$src"
    cp "$src/build/bin/llama-server" "$new/"
    cp -P "$src"/build/bin/lib*.so* "$new/lib/"
    PYTHONPATH="$src/gguf-py" "$python" "$here/make-tiny-model.py" \
        "$src/models/ggml-vocab-llama-spm.gguf" "$new/tiny-llama.gguf"
    git -C "$src" log -1 --format=%h >"$new/llama.cpp-commit" 2>/dev/null || true
    rm -rf "$new/llama.cpp"
    mv "$new" "$ready"
}

start=$(date +%s)
if [ -x "$ready/llama-server" ] && [ -s "$ready/tiny-llama.gguf" ]; then
    say "reusing $ready"
else
    prepare
fi
say "llama-server and model ready in $(($(date +%s) - start)) s"

# --- The server: one thread for generation (the other core is Plateau's), 4 slots, EOS
# ignored so every answer is exactly --output-tokens long whatever the random weights say.
work=$(mktemp -d)
server_pid=""
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

LD_LIBRARY_PATH="$ready/lib" "$ready/llama-server" -m "$ready/tiny-llama.gguf" \
    --host 127.0.0.1 --port 0 --threads 1 --threads-batch 1 --parallel 4 --ctx-size 4096 \
    --ignore-eos --no-cache-prompt --cache-ram 0 --metrics --jinja --no-webui \
    --alias tiny-llama >"$work/server.log" 2>&1 &
server_pid=$!

# Port 0: the server binds a port the OS picks and logs it.
url=""
for _ in $(seq 1 300); do
    kill -0 "$server_pid" 2>/dev/null || { tail -20 "$work/server.log" >&2; die "llama-server exited"; }
    url=$(sed -n 's/.*listening on \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$work/server.log" | head -1)
    [ -n "$url" ] && curl -fsS "$url/health" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "$url/health" >/dev/null 2>&1 || { tail -20 "$work/server.log" >&2; die "llama-server not ready in 60 s"; }
say "llama-server $(cat "$ready/llama.cpp-commit" 2>/dev/null) on $url"

profile() { # ACTIVE_ENDPOINT_INDEX
    cat <<EOF
{
  "schema": "plateau.profile/2",
  "name": "llama.cpp, three protocols",
  "active_endpoint": $1,
  "endpoints": [
    {"name": "chat", "url": "$url/v1", "flavor": "openai-chat", "model": "tiny-llama", "server_metrics": {"enabled": true}},
    {"name": "anthropic", "url": "$url/v1/messages", "flavor": "anthropic", "model": "tiny-llama", "server_metrics": {"enabled": true}},
    {"name": "responses", "url": "$url/v1/responses", "flavor": "openai-responses", "model": "tiny-llama", "server_metrics": {"enabled": true}}
  ]
}
EOF
}
profile 0 >"$work/chat.profile.json"
profile 1 >"$work/anthropic.profile.json"
profile 2 >"$work/responses.profile.json"

# --- Each flavor interleaved with chat level by level (A B, then B A: drift hits both alike).
# Plateau's compare decides "within noise": a significant change beyond the margin is a
# difference. The server's prompt cache is off: B would otherwise find A's prompts (the same
# seed) cached. Every answer is 32 tokens (EOS ignored), counted from the server's usage; the
# server's /metrics (--metrics) must be recognised as llama.cpp's, with its generation tok/s.
# Open loop (Poisson arrivals, the same seed on both sides: the same arrival times): in a closed
# loop of fixed-length answers the requests fall into step, and how they then share the
# server's batches (all prompts in one, or staggered) likely follows from when each protocol's
# stream ends rather than from what Plateau measures: at c=4 anthropic's TTFT p50 was 20% above
# chat's in both runs of one CI job (stop 22) and level with it in other runs. The rates are
# a sixth and a third of what the server sustains on a quiet machine (~30 requests/s); with
# other builds on the 2 cores, 16/s already queued requests for seconds.
margin=${PLATEAU_LLAMACPP_MARGIN:-15}
interleave() { # A B NAME: runs A and B interleaved (~35 s; killed after 5 min); NAME.A/B.json
    code=0
    timeout 300 "$cli" run "$work/$1.profile.json" --rate "$rates" --duration-per-level "$seconds" --warmup 2 \
        --input-tokens 64 --output-tokens 32 --seed 14 --interleave-with "$2" \
        --out "$work/$3.A.json" --interleave-out "$work/$3.B.json" --quiet \
        >"$work/$3.txt" 2>&1 || code=$?
    cat "$work/$3.txt"
    [ $code -eq 0 ] || { echo "llamacpp-check: $3: plateau-cli run exited $code" >&2; return 1; }
    "$python" "$here/check-results.py" 32 "$work/$3.A.json" "$work/$3.B.json"
}
differences() { # CHAT.json FLAVOR.json OUT.json: compare's verdicts, chat as BASE
    code=0
    "$cli" compare "$1" "$2" --format json --fail-if "ttft.p50 > +$margin%" \
        --fail-if "ttft.p50 < -$margin%" --fail-if "tpot.p50 > +$margin%" \
        --fail-if "tpot.p50 < -$margin%" >"$3" || code=$?
    [ $code -eq 0 ] || [ $code -eq 5 ] || { echo "llamacpp-check: compare exited $code" >&2; return 1; }
}

# On a busy machine a level's few seconds can drift apart (another process takes the core,
# and the server's one thread waits): a difference must show again at the same level in the
# next run, the roles swapped (the flavor as A), and in a third, to fail. A protocol that
# Plateau measured differently differs at every level of every run.
measure() { # FLAVOR RUN FIRST SECOND: one interleaved run, compared with chat as BASE
    if [ "$3" = chat ]; then a=A b=B; else a=B b=A; fi
    interleave "$3" "$4" "$2" &&
        differences "$work/$2.$a.json" "$work/$2.$b.json" "$work/$2.compare.json"
}
status=0
for flavor in anthropic responses; do
    compared=""
    verdict=same
    for turn in 1 2 3; do
        run="$flavor-$turn"
        if [ $((turn % 2)) -eq 1 ]; then order="chat $flavor"; else order="$flavor chat"; fi
        # shellcheck disable=SC2086 # two words: the order
        measure "$flavor" "$run" $order || { verdict=failed; break; }
        compared="$compared $work/$run.compare.json"
        # shellcheck disable=SC2086 # one path per run
        if "$python" "$here/same-differences.py" $compared 2>/dev/null; then
            verdict=same
            break
        fi
        verdict=differs
        if [ $turn -lt 3 ]; then
            say "$flavor: TTFT or TPOT beyond $margin% of chat's; once more, the roles swapped"
        fi
    done
    case $verdict in
    same) say "$flavor: the same TTFT and TPOT as chat's within noise, no request lost" ;;
    failed) status=1 ;;
    *)
        # shellcheck disable=SC2086
        "$python" "$here/same-differences.py" $compared || true
        echo "llamacpp-check: $flavor: TTFT or TPOT differs from chat's beyond noise (three runs)" >&2
        status=1
        ;;
    esac
done

[ $status -eq 0 ] || die "see above"
say "passed in $(($(date +%s) - start)) s"
