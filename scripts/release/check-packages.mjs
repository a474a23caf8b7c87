#!/usr/bin/env node
// Checks that every publishable package is fit to publish, as it will be published:
// - its package.json has the publish metadata users and registries rely on;
// - `publint --strict` reports nothing;
// - `attw` (Are the Types Wrong) reports nothing for the tarball pnpm would publish, under
//   node16 (ESM and CJS) and bundler resolution;
// - the tarball carries a README and has no `workspace:`/`catalog:` ranges left.
// Expects built packages (`pnpm run check:packages` builds first).
// Usage: node scripts/release/check-packages.mjs [package-name...]
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packPackage, publishablePackages, repoRoot, run, Steps, withCleanup } from './lib.mjs';

const bin = (name) => join(repoRoot, 'node_modules', '.bin', name);

/** The metadata problems of one package.json, as messages (none when fit to publish). */
export function metadataProblems(manifest) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  need(manifest.description, 'description is missing');
  need(manifest.license === 'MIT', 'license must be "MIT"');
  need(manifest.sideEffects === false, 'sideEffects must be false');
  need(manifest.engines?.node, 'engines.node is missing');
  need(
    Array.isArray(manifest.files) && manifest.files.length > 0,
    'files must list what to publish',
  );
  need(manifest.exports?.['.'], 'exports has no "." entry');
  need(manifest.exports?.['./package.json'], 'exports has no "./package.json" entry');
  const repo = manifest.repository;
  need(
    repo?.type === 'git' && repo.url && repo.directory,
    'repository needs type "git", url and directory',
  );
  need(manifest.homepage, 'homepage is missing');
  need(manifest.bugs?.url ?? manifest.bugs, 'bugs is missing');
  need(manifest.publishConfig?.access === 'public', 'publishConfig.access must be "public"');
  return problems;
}

/** Problems of a packed package.json: ranges that only mean something inside the workspace. */
function packedProblems(packedManifest) {
  const problems = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries(packedManifest[field] ?? {})) {
      if (/^(workspace|catalog):/.test(range)) problems.push(`${field}.${name} is "${range}"`);
    }
  }
  return problems;
}

async function checkPackage(pkg, scratch) {
  const lines = [];
  const problems = metadataProblems(pkg.manifest).map((problem) => `package.json: ${problem}`);
  if (!existsSync(join(pkg.path, 'README.md'))) problems.push('README.md is missing');

  const packDir = mkdtempSync(join(scratch, 'pack-'));
  const { filename, files } = await packPackage(pkg.path, packDir);
  lines.push(`tarball: ${files.length} files (${files.join(', ')})`);
  await run('tar', ['-xzf', filename, '-C', packDir]);
  const packedManifest = JSON.parse(readFileSync(join(packDir, 'package', 'package.json'), 'utf8'));
  problems.push(
    ...packedProblems(packedManifest).map((problem) => `packed package.json: ${problem}`),
  );

  // attw judges JavaScript and types; data files in the exports map (the OpenAPI document)
  // have neither, so they are named and left out rather than reported as unresolvable.
  const dataEntries = Object.entries(pkg.manifest.exports ?? {})
    .filter(([, target]) => typeof target === 'string' && !/\.(c|m)?js$|\.json$/.test(target))
    .map(([entry]) => entry);
  if (dataEntries.length > 0)
    lines.push(`attw: data entry points not checked: ${dataEntries.join(', ')}`);
  const attwArgs = [filename, '--profile', 'node16', '--format', 'ascii'];
  if (dataEntries.length > 0) attwArgs.push('--exclude-entrypoints', ...dataEntries);

  for (const [label, command, args] of [
    ['publint --strict', bin('publint'), ['--strict', pkg.path]],
    ['attw', bin('attw'), attwArgs],
  ]) {
    try {
      await run(command, args, { cwd: pkg.path });
      lines.push(`${label}: no problems`);
    } catch (error) {
      problems.push(`${label}:\n${error.message}`);
    }
  }
  if (problems.length > 0) throw new Error([...lines, ...problems].join('\n'));
  return lines;
}

const only = process.argv.slice(2);
const packages = publishablePackages().filter(
  (pkg) => only.length === 0 || only.includes(pkg.name),
);
const scratch = mkdtempSync(join(tmpdir(), 'agent-sessions-check-packages-'));
const steps = new Steps();
await withCleanup(
  async () => {
    for (const pkg of packages) await steps.run(pkg.name, () => checkPackage(pkg, scratch));
  },
  async () => rmSync(scratch, { recursive: true, force: true }),
);
steps.printSummary('Package checks (publint --strict, attw node16+bundler, metadata)');
process.exitCode = steps.failed.length === 0 && packages.length > 0 ? 0 : 1;
