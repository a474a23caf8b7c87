#!/usr/bin/env bash
# Sets up a fresh machine (Node and npm only) and runs every test, lint and typecheck.
set -euo pipefail
cd "$(dirname "$0")/.."
pnpm_cmd() { npx -y "pnpm@10.34.9" "$@"; }
# The browser tests and the release rehearsal drive Debian's Chromium (browsers cannot be
# downloaded); the command-line guide's walk-through (a docs test) pipes into jq.
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v jq >/dev/null || missing="$missing jq"
if [ -n "$missing" ]; then
  echo "== installing$missing (Debian packages; needs root or sudo)"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  # shellcheck disable=SC2086 # one word per package
  $sudo_cmd apt-get update -qq && $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi

# The release scripts (and changesets) call `pnpm` by name: give them one if the machine has none.
if ! command -v pnpm >/dev/null; then
  shim="$(mktemp -d)"
  printf '#!/bin/sh\nexec npx -y "pnpm@10.34.9" "$@"\n' >"$shim/pnpm" && chmod +x "$shim/pnpm"
  export PATH="$shim:$PATH"
fi
timed() { local start=$SECONDS; "$@"; echo "== took $((SECONDS - start)) s: $*"; }
timed pnpm_cmd install --frozen-lockfile
timed pnpm_cmd run check
# Every publishable package whose source changed since main carries a changeset (passes on main).
timed pnpm_cmd run check:changeset
# Releases: package checks, the release rehearsal (local registry, fresh consumers, Chromium)
# and the runtime matrix (Node 20/22/24, Bun, Deno).
timed pnpm_cmd run check:packages
timed pnpm_cmd run rehearse
timed pnpm_cmd run test:runtimes
