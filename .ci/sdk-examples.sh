#!/usr/bin/env bash
# Runs IBM's own SDK example programs (shipped in @ibm-cloud/platform-services) against `qgov sandbox serve`,
# using the shared runner next to the project, for all eight emulated services. Needs a build. Skipped, with a
# note, when the runner is absent. The sandbox's default key is the account owner's, so authorization allows
# every example (the owner bypasses IAM checks, as on IBM Cloud).
set -euo pipefail
cd "$(dirname "$0")/.."
runner=../shared/tools/sdk-examples
if [ ! -x "$runner" ]; then echo "sdk-examples: runner not found beside the project, skipped"; exit 0; fi
out=$(mktemp)
node bin/qgov sandbox serve --host 127.0.0.1 --port 0 >"$out" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; rm -f "$out"' EXIT
url=""
for _ in $(seq 1 50); do
  url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$out" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "sdk-examples: the sandbox did not start:"; cat "$out"; exit 1; }
EMULATOR_URL="$url" APIKEY=qgov-sandbox-apikey-0000000000000000000000000 "$runner" all
