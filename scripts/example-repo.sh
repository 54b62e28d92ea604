#!/usr/bin/env bash
# Builds the example GitOps repository as a real git repo: branch `main` holds examples/floe-gitops/base,
# branch `pr` adds the changes of examples/floe-gitops/pr on top (a pull request into main).
# Usage: scripts/example-repo.sh [DIR]   (default: .cache/floe-gitops)
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$here/.cache/floe-gitops}"
case "$dir" in /*) ;; *) dir="$PWD/$dir" ;; esac
rm -rf "$dir"
mkdir -p "$dir"
cp -R "$here/examples/floe-gitops/base/." "$dir/"
cd "$dir"
git init -q -b main
git -c user.name=example -c user.email=example@localhost add -A
git -c user.name=example -c user.email=example@localhost commit -qm "floe platform: base"
git checkout -q -b pr
cp -R "$here/examples/floe-gitops/pr/." "$dir/"
git -c user.name=example -c user.email=example@localhost add -A
git -c user.name=example -c user.email=example@localhost commit -qm "Bump Polaris, init container for PostgreSQL, S3 access for dbt"
git checkout -q main
echo "$dir"
