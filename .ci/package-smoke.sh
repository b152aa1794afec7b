#!/usr/bin/env bash
# Packaging smoke test (docs/packaging.md): pack the package, install the tarball globally into a temporary
# prefix with the network forbidden (--offline: the runtime dependencies are bundled in the tarball), then run
# the installed `qgov` from outside the repository. Needs a build (.ci/run has just made dist/).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
start=$(date +%s%N)

# --ignore-scripts: prepack would clean and rebuild dist/, which .ci/run has just built.
tgz=$(npm pack --ignore-scripts --pack-destination "$tmp" --loglevel=error | tail -n 1)
# An empty cache and --offline: nothing may come from the registry or from what npm ci cached.
npm install -g --prefix "$tmp/prefix" "$tmp/$tgz" --offline --cache "$tmp/cache" --no-audit --no-fund --loglevel=error >/dev/null
export PATH="$tmp/prefix/bin:$PATH"
installed="$tmp/prefix/lib/node_modules/qgov"
cd "$tmp"

[ "$(command -v qgov)" = "$tmp/prefix/bin/qgov" ] || { echo "package-smoke: qgov is not the installed one"; exit 1; }
want=$(node -p "require('$root/package.json').version")
got=$(qgov --version)
[ "$got" = "$want" ] || { echo "package-smoke: qgov --version printed '$got', expected '$want'"; exit 1; }
cp "$installed/examples/org.yaml" "$tmp/org.yaml"
qgov validate org.yaml >/dev/null
qgov plan org.yaml --sandbox --sandbox-state "$tmp/sandbox.json" >"$tmp/plan.txt"
grep -q 'qr-ml-writers' "$tmp/plan.txt" || { echo "package-smoke: the plan does not mention qr-ml-writers:"; cat "$tmp/plan.txt"; exit 1; }
qgov terraform org.yaml --out "$tmp/tf/main.tf" 2>/dev/null
qgov completion bash | bash -n
# Nothing of the development tree may leak into the package.
for p in test src bench node_modules/jest node_modules/typescript; do
  [ ! -e "$installed/$p" ] || { echo "package-smoke: $p is in the installed package"; exit 1; }
done
size=$(du -sk "$tmp/$tgz" | cut -f1)
echo "package-smoke: $tgz (${size} KiB) installed offline and ran from outside the repo in $(( ($(date +%s%N) - start) / 1000000 )) ms"
