#!/usr/bin/env bash
# `make release`: packs the release build into target/package/blomlada-<version>-x86_64-linux.tar.gz
# — the server binary, the built app (dist/, with its precompressed copies), the indicator sets,
# the systemd units and INSTALL.md. Expects `make build server` to have run (make release does).
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
name="blomlada-${version}-$(uname -m)-linux"
out=target/package
stage="$out/$name"

[ -f dist/index.html ] || { echo "dist/ has no built app: run make build first" >&2; exit 1; }
[ -x target/release/blomlada-server ] || { echo "no release server: run make server first" >&2; exit 1; }

rm -rf "$stage" "$out/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/systemd"
cp target/release/blomlada-server "$stage/bin/"
# Debug symbols are not needed to run it and are most of the file.
if command -v strip >/dev/null 2>&1; then strip "$stage/bin/blomlada-server"; fi
cp -R dist "$stage/dist"
cp -R indicators "$stage/indicators"
cp packaging/systemd/blomlada.service packaging/systemd/blomlada-backup.service packaging/systemd/blomlada-backup.timer "$stage/systemd/"
cp packaging/INSTALL.md "$stage/INSTALL.md"
tar -C "$out" --owner=0 --group=0 --numeric-owner --sort=name -czf "$out/$name.tar.gz" "$name"
rm -rf "$stage"
echo "$out/$name.tar.gz ($(du -h "$out/$name.tar.gz" | cut -f1))"
