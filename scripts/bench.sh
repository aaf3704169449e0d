#!/usr/bin/env bash
# `npm run bench`: the metadata benchmark and the whole-step benchmark, bundled with ncc and run under
# Node 24 (the action's runtime). They print figures and assert nothing.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
[[ -x /usr/bin/time ]] || { apt-get update -qq && apt-get install -y -qq time; } >&2
npm run --silent bundle >/dev/null
for bench in bench-metadata bench-step; do
  out="$root/.tools/$bench"
  npx ncc build "scripts/$bench.ts" --out "$out" --quiet >/dev/null
  GHCR_PUBLISH_REPO_ROOT="$root/" node "$out/index.js"
done
