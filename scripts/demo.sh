#!/usr/bin/env bash
# Sets up a fresh machine (Node and npm only) and runs the main demo.
set -euo pipefail
cd "$(dirname "$0")/.."
npx -y "pnpm@10.34.9" install --frozen-lockfile
npx -y "pnpm@10.34.9" demo
