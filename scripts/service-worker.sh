#!/usr/bin/env bash
# Trunk post_build hook: writes sw.js into the staging directory with the precache list and a
# cache name derived from the content of every file, so a new deployment replaces the old one.
set -euo pipefail
staging="${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"
cd "$staging"
files=$(find . -type f ! -name 'sw.js' | sed 's|^\./|/|' | LC_ALL=C sort)
version=$(for f in $files; do printf '%s %s\n' "$f" "$(sha256sum ".$f" | cut -c1-64)"; done | sha256sum | cut -c1-16)
list=$(echo "$files" | grep -vE '^/index.html$|\.md$|^/indicators/schema/|^/indicators/released-ids.json$' | sed 's/.*/  "&",/' )
precache=$(printf '[\n  "/index.html",\n%s\n]' "$list")
template="${TRUNK_SOURCE_DIR:-$OLDPWD}/pwa/service-worker.js"
PRECACHE="$precache" VERSION="$version" python3 - "$template" > sw.js <<'PY'
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.write(text.replace("__PRECACHE__", os.environ["PRECACHE"]).replace("__VERSION__", os.environ["VERSION"]))
PY
echo "service worker: cache blomlada-$version, $(echo "$files" | wc -l) files"
