#!/usr/bin/env bash
# Sets up a fresh machine (Node and npm only) and runs every test, lint and typecheck.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm_cmd() { npx -y "pnpm@10.34.9" "$@"; }
pnpm_cmd install --frozen-lockfile
pnpm_cmd run check
