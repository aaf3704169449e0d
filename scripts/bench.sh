#!/usr/bin/env bash
# `npm run bench`: bundles the metadata benchmark with ncc and runs it under Node 24 (the action's runtime).
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
out="$root/.tools/bench"
npx ncc build scripts/bench-metadata.ts --out "$out" --quiet >/dev/null
node "$out/index.js"
