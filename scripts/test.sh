#!/usr/bin/env bash
# `npm test`: the whole test suite from a fresh clone. Starts the real Docker engine, registry and base image
# the end-to-end tests use (installing them from Debian when missing), bundles dist/ from the sources, then
# runs jest under Node 24. Extra arguments go to jest.
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
bash scripts/services/start-all.sh
# Integration tests run dist/index.js as a runner does, so it must be built from the sources under test.
npm run --silent bundle >/dev/null
exec node --experimental-vm-modules node_modules/jest/bin/jest.js "$@"
