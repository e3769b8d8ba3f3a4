#!/usr/bin/env bash
# Makes the README's screenshots with the app itself: a sweep of the default profile
# against the built-in simulator, grabbed by the window during the run and after it.
# Runs under Xvfb (no display needed). Usage: packaging/screenshots.sh [BUILD_DIR]
# Output: packaging/screenshots/during-run.png, packaging/screenshots/after-run.png
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${1:-build/release}"
app="$build_dir/ui/plateau"
out="packaging/screenshots"

if [[ ! -x "$app" ]]; then
  echo "screenshots: building $app" >&2
  if [[ "$build_dir" == "build/release" ]]; then
    cmake --preset release >/dev/null
  else
    cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  fi
  cmake --build "$build_dir" --target plateau -j"$(nproc)"
fi
command -v xvfb-run >/dev/null || { echo "screenshots: xvfb-run is missing (apt install xvfb xauth)" >&2; exit 1; }

mkdir -p "$out"
# A private settings and data directory: the user's preferences and window layout must
# not change the pictures, and the run's journal must not land in their data.
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" XDG_CACHE_HOME="$scratch/cache"

# The default profile sweeps c=1..128, 6 s a level (~6.8 s with the drain): at 30 s it is
# halfway through its 5th level (c=16), away from the pauses between levels.
xvfb-run -a -s "-screen 0 1600x1000x24" \
  "$app" --start --window-size 1600x1000 \
  --screenshot "30:$out/during-run.png" \
  --screenshot-when-finished "$out/after-run.png" \
  --quit-after-screenshots

ls -l "$out"/*.png
