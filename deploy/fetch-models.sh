#!/usr/bin/env bash
# Fetches the face models the edge-agent's camera adapter uses by default, from the npm registry,
# into a cache directory; with --samples, also sample face photos for the tests and the camera
# simulator. Nothing fetched here is ever committed. Idempotent: files already there with the
# right checksum are kept.
#
#   deploy/fetch-models.sh [--samples] [DIR]
#
# DIR defaults to $SHARPEYES_MODELS, else ~/.cache/sharpeyes/models. Needs npm (Node.js) and tar.
#
# What lands in DIR (see docs/config.md, camera section):
#   blazeface-short-range.tflite  face detector, @mediapipe/face_detection (Apache-2.0)
#   fr-feature-512.onnx           face embedding (512-d, 112x112 aligned input),
#                                 faceplugin-face-recognition-js (MIT)
#   samples/sample1..6.jpg        group photos from @vladmandic/face-api's demo (--samples only;
#                                 the photos' own licence is unclear: used in tests, never shipped)
set -Eeuo pipefail

samples=false
if [ "${1:-}" = "--samples" ]; then samples=true; shift; fi
DEST=${1:-${SHARPEYES_MODELS:-$HOME/.cache/sharpeyes/models}}
mkdir -p "$DEST"

command -v npm >/dev/null || { echo "fetch-models: npm not found; install Node.js (apt-get install -y npm)" >&2; exit 1; }

# package@version | file inside the package | name in DEST | sha256 of the file
MODELS=(
  "@mediapipe/face_detection@0.4.1657300184|package/face_detection_short_range.tflite|blazeface-short-range.tflite|3bc182eb9f33925d9e58b5c8d59308a760f4adea8f282370e428c51212c26633"
  "faceplugin-face-recognition-js@0.0.1|package/model/fr_feature.onnx|fr-feature-512.onnx|87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581"
)
SAMPLES=(
  "@vladmandic/face-api@1.7.15|package/demo/sample1.jpg|samples/sample1.jpg|8ecae4b267b2d3169e06e00c7dee97097aa2a94635d45216f7732a5f4943cb51"
  "@vladmandic/face-api@1.7.15|package/demo/sample2.jpg|samples/sample2.jpg|7d2b60ae6f13bf30f422e04df87451081a02c83de469056f25afb44b7000c691"
  "@vladmandic/face-api@1.7.15|package/demo/sample3.jpg|samples/sample3.jpg|8eb081c9efb14370fa94d9feab9e5fbeafd19a627491853a80c2bf67f7ffa936"
  "@vladmandic/face-api@1.7.15|package/demo/sample4.jpg|samples/sample4.jpg|729efa5923061d40eb4ed5f267a18cc7b8ba6f852bb2757b16d8b7e4937476fc"
  "@vladmandic/face-api@1.7.15|package/demo/sample5.jpg|samples/sample5.jpg|6d45095ebb182d8f975c0790e0e4eefd86fbb40609cf4b271776d92e12662938"
  "@vladmandic/face-api@1.7.15|package/demo/sample6.jpg|samples/sample6.jpg|9baad80f9d5e306fb9b8c0913d44445f1e95848df317530efb03d0934c57ba87"
)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

fetch() {
  local pkg=$1 inner=$2 name=$3 sha=$4
  if sha_ok "$DEST/$name" "$sha"; then echo "kept     $DEST/$name"; return; fi
  local tgz_dir="$work/$(echo "$pkg" | tr '/@' '__')"
  if [ ! -d "$tgz_dir" ]; then
    mkdir -p "$tgz_dir"
    (cd "$tgz_dir" && npm pack --silent "$pkg" >/dev/null)
  fi
  tar -xzf "$tgz_dir"/*.tgz -C "$tgz_dir" "$inner"
  mkdir -p "$(dirname "$DEST/$name")"
  if ! sha_ok "$tgz_dir/$inner" "$sha"; then
    echo "fetch-models: $pkg $inner has an unexpected checksum; not installed" >&2
    exit 1
  fi
  mv "$tgz_dir/$inner" "$DEST/$name"
  echo "fetched  $DEST/$name  ($pkg)"
}

for m in "${MODELS[@]}"; do IFS='|' read -r p i n s <<<"$m"; fetch "$p" "$i" "$n" "$s"; done
if $samples; then
  for m in "${SAMPLES[@]}"; do IFS='|' read -r p i n s <<<"$m"; fetch "$p" "$i" "$n" "$s"; done
fi
echo "models in $DEST"
