#!/usr/bin/env node
// Fails when a publishable package's source changed on this branch without a changeset.
// "Source" is `changedFilePatterns` in .changeset/config.json (src/**, package.json, ...).
// The base is $CHANGESET_BASE, else origin/main, else main: a fresh clone of main has both,
// and on main itself nothing has changed since the base, so the check passes.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './lib.mjs';

const git = (...args) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });

if (git('rev-parse', '--is-inside-work-tree').status !== 0) {
  console.error('check:changeset: not a git checkout, so there is no history to compare: FAILED');
  process.exit(1);
}
const candidates = [process.env.CHANGESET_BASE, 'origin/main', 'main'].filter(Boolean);
const base = candidates.find(
  (ref) => git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`).status === 0,
);
if (!base) {
  console.error(
    `check:changeset: none of ${candidates.join(', ')} exists here. Fetch the base branch ` +
      '(git fetch origin main) or set CHANGESET_BASE to the commit the branch started from.',
  );
  process.exit(1);
}
console.log(`check:changeset: comparing with ${base}`);
const status = spawnSync(
  join(repoRoot, 'node_modules', '.bin', 'changeset'),
  ['status', `--since=${base}`],
  { cwd: repoRoot, stdio: 'inherit' },
);
process.exit(status.status ?? 1);
