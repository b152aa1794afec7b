#!/usr/bin/env bash
# Container smoke test (docs/packaging.md): build the image and run the same checks as package-smoke.sh inside
# it. Runs only where a Docker daemon answers (`docker info`); anywhere else it says so and succeeds.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "docker-smoke: skipped (no Docker daemon here: docker info failed)"
  exit 0
fi
tag="qgov:smoke-$$"
trap 'docker image rm -f "$tag" >/dev/null 2>&1 || true' EXIT
docker build --quiet --tag "$tag" . >/dev/null
want=$(node -p "require('./package.json').version")
got=$(docker run --rm "$tag" --version)
[ "$got" = "$want" ] || { echo "docker-smoke: --version printed '$got', expected '$want'"; exit 1; }
[ "$(docker run --rm --entrypoint id "$tag" -u)" != "0" ] || { echo "docker-smoke: the image runs as root"; exit 1; }
docker run --rm --workdir /tmp "$tag" plan /usr/local/lib/node_modules/qgov/examples/org.yaml --sandbox --sandbox-state /tmp/sandbox.json | grep -q 'qr-ml-writers'
echo "docker-smoke: image $tag built and ran"
