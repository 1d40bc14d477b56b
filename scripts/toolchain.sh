#!/usr/bin/env bash
# Puts the pinned Node and pnpm (from .toolchain/package.json) first on PATH, installing them
# from the npm registry when they are missing. Source it: `. scripts/toolchain.sh`.
#
# These machines ship Node 20 + npm only and cannot reach nodejs.org, so the registry's `node`
# package is how we get Node 24. Someone who already has Node >= 22 and pnpm 12 can skip this
# and use plain `pnpm` commands.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tc="$root/.toolchain"
want_node="$(node -e "process.stdout.write(require('$tc/package.json').dependencies.node)" 2>/dev/null || sed -n 's/.*"node": "\(.*\)".*/\1/p' "$tc/package.json")"
if [ ! -x "$tc/node_modules/.bin/node" ] || [ "$("$tc/node_modules/.bin/node" -v 2>/dev/null)" != "v$want_node" ]; then
  echo "toolchain: installing Node $want_node and pnpm into .toolchain (one time)" >&2
  npm install --prefix "$tc" --no-audit --no-fund --loglevel=error >&2
fi
export PATH="$tc/node_modules/.bin:$PATH"
