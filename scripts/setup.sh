# Sourced by the entry scripts: moves to the repository root, puts Node 24 (the action's runtime) first on
# PATH, and installs the npm dependencies on a fresh clone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
node24="$(bash scripts/node24.sh)"
export PATH="$(dirname "$node24"):$PATH"
if [[ ! -x node_modules/.bin/jest ]]; then
  npm ci --no-audit --no-fund >&2
fi
