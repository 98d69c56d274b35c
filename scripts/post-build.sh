#!/usr/bin/env bash
# Trunk post_build hook (one hook, so the steps run in this order): the service worker first
# (its precache list names the built files), then the brotli and gzip copies of everything.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
source_dir="${TRUNK_SOURCE_DIR:-$PWD}"
bash "$source_dir/scripts/service-worker.sh"
node "$source_dir/scripts/precompress.mjs" "$staging"
