#!/usr/bin/env bash
# `npm run bench`: the metadata benchmark, the whole-step benchmark against the fake docker, and the whole step
# against the real buildx and BuildKit beside a bare `docker buildx build --push` (it starts the services of
# scripts/services/start-all.sh), bundled with ncc and run under Node 24. They print figures and assert nothing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; } >&2
npm run --silent bundle >/dev/null
for bench in bench-metadata bench-step bench-real-engine; do
  out="$root/.tools/$bench"
  npx ncc build "scripts/$bench.ts" --out "$out" --quiet >/dev/null
  GHCR_PUBLISH_REPO_ROOT="$root/" node "$out/index.js"
done
