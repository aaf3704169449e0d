#!/usr/bin/env bash
# `npm run local`: runs the bundled action's main and post steps as a GitHub runner would, through the
# runner harness of the tests; by default a dry run. Arguments go to scripts/local-run.ts.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
[[ -f dist/index.js ]] || npm run --silent bundle >/dev/null
out="$root/.tools/local-run"
npx ncc build scripts/local-run.ts --out "$out" --quiet >/dev/null
GHCR_PUBLISH_REPO_ROOT="$root/" exec node "$out/index.js" "$@"
