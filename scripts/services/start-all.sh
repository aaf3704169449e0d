#!/usr/bin/env bash
# Everything the end-to-end tests need, in order: the Docker engine (20.10), the registry on 127.0.0.1:5000, the
# GHCR-like registry with token authentication on 127.0.0.1:5001 (token server on :5002), the local busybox
# base image, and dockerd 26 with a real buildx and BuildKit (buildkit-engine.sh). Prints one line per service
# ("<service>: <state>"); progress and errors go to stderr.
# Idempotent and fast when everything is up (each script only checks), so `npm test` runs it every time.
#   bash scripts/services/start-all.sh        # start what is not running
#   bash scripts/services/start-all.sh stop   # stop what these scripts started (the image stays)
set -euo pipefail
services_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_dir="$services_dir/../../.tools/services"
mkdir -p "$state_dir"

# Parallel jest workers each call this (through __tests__/e2e/support/services.ts): one at a time, so two
# callers never both start a dockerd or a registry. Bounded by a cold start's apt-get installs.
exec 9>"$state_dir/start-all.lock"
if ! flock -w 900 9; then
  echo "error: another start-all.sh held $state_dir/start-all.lock for 900 s" >&2
  exit 1
fi

case "${1:-start}" in
  start) services=(docker-engine registry token-registry base-image buildkit-engine) ;;
  stop) services=(buildkit-engine token-registry registry docker-engine) ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac

for service in "${services[@]}"; do
  if ! line="$(bash "$services_dir/$service.sh" "${1:-start}")"; then
    echo "$service: failed (the reason is above)"
    exit 1
  fi
  echo "$line"
done
