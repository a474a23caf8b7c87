#!/usr/bin/env node
// The release rehearsal: publishes a new version with the real release commands to a local
// registry, then installs it by version in fresh projects outside the workspace and uses it the
// ways our users do (Node ESM and CommonJS, strict TypeScript, a Vite app in Chromium, the mock
// server's CLI and sdk-node's `agent-sessions` command through npx, a Vite React app with
// useSession and a server render). The checkout is never modified: versioning happens in a copy.
// Every registry, server, browser and child process it starts is stopped, even on failure.
//
// Usage: node scripts/release/rehearse.mjs [--only protocol,sdk-node,...] [--keep]
//   --only  rehearse a subset; checks that need a left-out package are reported as SKIPPED
//           (and the run fails if any package of the release is missing from the workspace)
//   --keep  keep the temp folder (registry storage, copy, consumer projects) for inspection
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, extname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.mjs';
import {
  catalogVersion,
  importInstalled,
  publishablePackages,
  repoRoot,
  run,
  Steps,
  startProcess,
  withCleanup,
} from './lib.mjs';
import { startRegistry } from './registry.mjs';

/** Every package a release publishes. A missing one fails the rehearsal. */
const RELEASE = ['protocol', 'sdk-core', 'sdk-node', 'sdk-web', 'react', 'mock-server'].map(
  (name) => `@agent-sessions/${name}`,
);
const consumers = join(repoRoot, 'scripts', 'release', 'consumers');

const { values: options } = parseArgs({
  options: { only: { type: 'string' }, keep: { type: 'boolean', default: false } },
});
const only = options.only
  ?.split(',')
  .map((name) => (name.startsWith('@') ? name : `@agent-sessions/${name}`));

const work = mkdtempSync(join(tmpdir(), 'agent-sessions-rehearsal-'));
const copy = join(work, 'repo');
const steps = new Steps();
const closers = [];
const state = {};

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));
const writeJson = (path, value) => writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
const shortName = (name) => name.replace('@agent-sessions/', '');

// --- the packages -------------------------------------------------------------------------------

const inWorkspace = publishablePackages().map((pkg) => pkg.name);
const missing = RELEASE.filter((name) => !inWorkspace.includes(name));
const excluded = only ? inWorkspace.filter((name) => !only.includes(name)) : [];
const rehearsed = inWorkspace.filter((name) => !excluded.includes(name));

/** Why a check that needs `names` cannot run, or undefined when it can. */
function unmet(names) {
  const absent = names.filter((name) => missing.includes(name));
  if (absent.length > 0) return { reason: `${absent.join(', ')} does not exist in the workspace` };
  const left = names.filter((name) => excluded.includes(name));
  if (left.length > 0) return { reason: `${left.join(', ')} left out with --only`, skipped: true };
  return undefined;
}

async function check(name, needs, fn) {
  const why = unmet(needs);
  if (why) return steps.notRun(name, why.reason, { skipped: why.skipped });
  return steps.run(name, fn);
}

// --- steps --------------------------------------------------------------------------------------

const SKIP_DIRS = new Set(['node_modules', 'dist', '.turbo', '.git', 'coverage', 'test-results']);

function copyRepository() {
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (src) => !SKIP_DIRS.has(basename(src)) && relative(repoRoot, src) !== 'tmp',
  });
  for (const name of excluded) {
    const pkg = publishablePackages(copy).find((candidate) => candidate.name === name);
    writeJson(join(pkg.path, 'package.json'), { ...pkg.manifest, private: true });
  }
  // changeset publish tags what it published: give it a throwaway history to tag.
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'release rehearsal snapshot');
  return [
    `${copy} (from ${repoRoot}, without node_modules/dist)`,
    excluded.length > 0 ? `made private (--only): ${excluded.join(', ')}` : '',
  ].filter(Boolean);
}

/** Runs git in the throwaway copy. */
function git(...args) {
  return execFileSync(
    'git',
    ['-c', 'user.name=rehearsal', '-c', 'user.email=rehearsal@localhost', ...args],
    { cwd: copy, stdio: 'pipe' },
  );
}

/**
 * On a branch of the copy, a change to a package's source must fail `check:changeset` until
 * the branch adds a changeset. The branch is left afterwards; the release runs from main.
 */
async function changesetCheck() {
  const check = () =>
    run('pnpm', ['run', 'check:changeset'], { cwd: copy, env: { CHANGESET_BASE: 'main' } });
  git('checkout', '-q', '-b', 'rehearsal/change');
  appendFileSync(join(copy, 'packages', 'protocol', 'src', 'index.ts'), '\n// a change\n');
  git('commit', '-q', '-am', 'change the protocol package without a changeset');
  const refused = await check().then(
    () => false,
    () => true,
  );
  if (!refused) throw new Error('check:changeset passed a source change without a changeset');
  writeFileSync(
    join(copy, '.changeset', 'rehearsal-change.md'),
    '---\n"@agent-sessions/protocol": patch\n---\n\nA change.\n',
  );
  git('add', '-A');
  git('commit', '-q', '-m', 'add its changeset');
  await check();
  git('checkout', '-q', 'main');
  return ['source change without a changeset: refused', 'with a changeset: passes'];
}

function packageVersions() {
  return Object.fromEntries(
    publishablePackages(copy).map((pkg) => [
      pkg.name,
      { version: pkg.manifest.version, path: pkg.path },
    ]),
  );
}

/** The newest section of a CHANGELOG.md (from its first `## ` heading to the next). */
function newestChangelogSection(path) {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf('\n## ');
  const end = text.indexOf('\n## ', start + 1);
  return text.slice(start + 1, end === -1 ? undefined : end).trim();
}

async function version() {
  const before = packageVersions();
  writeFileSync(
    join(copy, '.changeset', 'release-rehearsal.md'),
    `---\n${rehearsed.map((name) => `"${name}": patch`).join('\n')}\n---\n\nRelease rehearsal build.\n`,
  );
  await run('pnpm', ['run', 'version'], { cwd: copy });
  const after = packageVersions();
  const versions = new Set(rehearsed.map((name) => after[name].version));
  if (versions.size !== 1) throw new Error(`the fixed group split: ${JSON.stringify(after)}`);
  state.version = [...versions][0];
  const lines = [];
  for (const name of rehearsed) {
    if (before[name].version === state.version) throw new Error(`${name} was not bumped`);
    lines.push(`${name}: ${before[name].version} -> ${state.version}`);
  }
  const leftOver = readdirSync(join(copy, '.changeset')).filter(
    (file) => file.endsWith('.md') && file !== 'README.md',
  );
  if (leftOver.length > 0) throw new Error(`changesets not consumed: ${leftOver.join(', ')}`);
  for (const name of rehearsed) {
    const changelog = join(after[name].path, 'CHANGELOG.md');
    if (!existsSync(changelog)) throw new Error(`${name} has no CHANGELOG.md`);
    const section = newestChangelogSection(changelog);
    if (!section.startsWith(`## ${state.version}`))
      throw new Error(`${name} CHANGELOG starts with: ${section.split('\n')[0]}`);
    lines.push(
      '',
      `${relative(copy, changelog)}:`,
      ...section.split('\n').map((line) => `  | ${line}`),
    );
  }
  return lines;
}

async function release() {
  const { url, token } = state.registry;
  writeFileSync(
    join(copy, '.npmrc'),
    `registry=${url}/\n//${new URL(url).host}/:_authToken=${token}\n`,
  );
  const output = await run('pnpm', ['run', 'release'], {
    cwd: copy,
    env: { npm_config_registry: `${url}/` },
    timeoutMs: 600_000,
  });
  const tags = execFileSync('git', ['tag', '--list'], { cwd: copy, encoding: 'utf8' })
    .trim()
    .split('\n');
  return [
    ...output
      .split('\n')
      .filter((line) => /🦋.*(publish|success|error)|^\s+(pass|FAIL)\s+@/.test(line)),
    `git tags in the copy: ${tags.join(', ')}`,
  ];
}

async function registryHasRelease() {
  const lines = [];
  for (const name of rehearsed) {
    const packument = await state.registry.packument(name);
    const published = packument.versions?.[state.version];
    if (!published) throw new Error(`${name}@${state.version} is not on the registry`);
    if (packument['dist-tags']?.latest !== state.version) {
      throw new Error(`${name}: latest is ${packument['dist-tags']?.latest}, not ${state.version}`);
    }
    const deps = Object.entries(published.dependencies ?? {});
    for (const [dep, range] of deps) {
      if (/^(workspace|catalog):/.test(range))
        throw new Error(`${name} depends on ${dep}@${range}`);
      if (dep.startsWith('@agent-sessions/') && !range.includes(state.version)) {
        throw new Error(`${name} depends on ${dep}@${range}, not the released ${state.version}`);
      }
    }
    lines.push(
      `${name}@${state.version} (latest), deps: ${deps.map(([dep, range]) => `${dep}@${range}`).join(', ') || 'none'}`,
    );
  }
  return lines;
}

/** A fresh npm project outside the workspace that takes @agent-sessions/* from the registry. */
function consumerProject(name, manifest = {}) {
  const dir = join(work, 'consumers', name);
  mkdirSync(dir, { recursive: true });
  writeJson(join(dir, 'package.json'), {
    name: `rehearsal-${name}`,
    private: true,
    type: 'module',
    ...manifest,
  });
  writeFileSync(join(dir, '.npmrc'), `@agent-sessions:registry=${state.registry.url}/\n`);
  return dir;
}

async function npmInstall(dir, deps, devDeps = []) {
  await run('npm', ['install', '--no-audit', '--no-fund', '--save-exact', ...deps], { cwd: dir });
  if (devDeps.length > 0) {
    await run('npm', ['install', '--no-audit', '--no-fund', '--save-dev', ...devDeps], {
      cwd: dir,
    });
  }
  // Everything from the scope, also what came in as a dependency, must be this release.
  const scope = join(dir, 'node_modules', '@agent-sessions');
  const installed = readdirSync(scope).map((entry) => readJson(join(scope, entry, 'package.json')));
  const wrong = installed.filter((pkg) => pkg.version !== state.version);
  if (wrong.length > 0)
    throw new Error(
      `installed other versions: ${wrong.map((pkg) => `${pkg.name}@${pkg.version}`)}`,
    );
  return installed.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ');
}

async function installNodeProject() {
  const dir = consumerProject('node');
  for (const file of readdirSync(join(consumers, 'node')))
    cpSync(join(consumers, 'node', file), join(dir, file));
  const tsconfig = (compilerOptions, files) => ({
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: 'es2022',
      types: ['node'],
      ...compilerOptions,
    },
    files,
  });
  writeJson(
    join(dir, 'tsconfig.node16.json'),
    tsconfig({ module: 'node16', moduleResolution: 'node16' }, ['typecheck.ts', 'typecheck.cts']),
  );
  writeJson(
    join(dir, 'tsconfig.bundler.json'),
    tsconfig({ module: 'esnext', moduleResolution: 'bundler' }, ['typecheck.ts']),
  );
  writeJson(
    join(dir, 'tsconfig.web.json'),
    tsconfig({ module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] }, [
      'typecheck-web.ts',
    ]),
  );
  const installed = await npmInstall(
    dir,
    rehearsed.map((name) => `${name}@${state.version}`),
    [`typescript@${catalogVersion('typescript')}`, `@types/node@${catalogVersion('@types/node')}`],
  );
  state.nodeProject = dir;
  return [`${dir}`, `installed: ${installed}`];
}

async function expectedAnswer() {
  const { scenarios } = await importInstalled(state.nodeProject, '@agent-sessions/mock-server');
  return scenarios['short-answer'].turns[0].end.answer;
}

async function runConsumer(file) {
  const output = await run(process.execPath, [file], { cwd: state.nodeProject, timeoutMs: 60_000 });
  const result = JSON.parse(output.trim().split('\n').at(-1));
  const expected = await expectedAnswer();
  if (result.answer !== expected || result.state !== 'completed' || !result.terminal) {
    throw new Error(
      `expected answer ${JSON.stringify(expected)} and state completed, got ${JSON.stringify(result)}`,
    );
  }
  return `answer ${JSON.stringify(result.answer)}, session ${result.state}`;
}

async function typecheck(...configs) {
  const tsc = join(state.nodeProject, 'node_modules', 'typescript', 'bin', 'tsc');
  const lines = [];
  for (const config of configs) {
    await run(process.execPath, [tsc, '-p', config], { cwd: state.nodeProject });
    lines.push(`tsc -p ${config}: no errors (strict, skipLibCheck false)`);
  }
  return lines;
}

async function mockCli() {
  const dir = consumerProject('cli');
  const server = startProcess(
    'npx',
    [
      '-y',
      '-p',
      `@agent-sessions/mock-server@${state.version}`,
      'agent-sessions-mock',
      '--port',
      '0',
      '--virtual',
    ],
    // npx reuses what an earlier run installed for the same spec; a fresh cache makes it fetch
    // this release from this registry.
    { cwd: dir, env: { npm_config_cache: join(work, 'npx-cache') } },
  );
  const [url] = await server.waitFor(/http:\/\/127\.0\.0\.1:\d+/, 120_000);
  const create = (headers) =>
    fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ input: 'hello' }),
    });
  const anonymous = await create({});
  const created = await create({ authorization: 'Bearer test-key' });
  const session = await created.json();
  if (anonymous.status !== 401 || created.status !== 201 || !session.id) {
    throw new Error(
      `without a key: ${anonymous.status}, with test-key: ${created.status} ${JSON.stringify(session)}`,
    );
  }
  state.mockUrl = url;
  return [
    `npx agent-sessions-mock listening at ${url}`,
    `POST /v1/sessions: 401 without a key, 201 with test-key (${session.id})`,
  ];
}

/**
 * The `agent-sessions` command of sdk-node, through npx from this registry, runs a session
 * against the mock server CLI: in a pipe it prints NDJSON, every event then the snapshot.
 */
async function sdkNodeCli() {
  if (!state.mockUrl) throw new Error('the mock server CLI did not start (see above)');
  const dir = consumerProject('sdk-node-cli');
  const args = [
    'run',
    'Plan a weekend in Lisbon',
    '--base-url',
    state.mockUrl,
    '--api-key',
    'test-key',
  ];
  const output = await run(
    'npx',
    ['-y', '-p', `@agent-sessions/sdk-node@${state.version}`, 'agent-sessions', ...args],
    { cwd: dir, env: { npm_config_cache: join(work, 'npx-cache') }, timeoutMs: 120_000 },
  );
  // stdout and stderr come merged here: npm may add a notice; the CLI's lines are JSON objects.
  const lines = output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));
  const answer = lines.find((line) => line.type === 'answer')?.data.content;
  const snapshot = lines.at(-1);
  const expected = await expectedAnswer();
  if (answer !== expected || snapshot?.state !== 'completed' || snapshot.answer !== expected) {
    throw new Error(`expected the answer ${JSON.stringify(expected)}, got:\n${output}`);
  }
  return [
    `npx -p @agent-sessions/sdk-node@${state.version} agent-sessions ${args.map((arg) => (arg.includes(' ') ? JSON.stringify(arg) : arg)).join(' ')}`,
    `${lines.length - 1} events, then ${snapshot.id} ${snapshot.state}: ${JSON.stringify(answer)}`,
  ];
}

async function buildViteApp() {
  const dir = consumerProject('web', { scripts: { build: 'vite build' } });
  for (const file of readdirSync(join(consumers, 'web')))
    cpSync(join(consumers, 'web', file), join(dir, file));
  const installed = await npmInstall(
    dir,
    [`@agent-sessions/sdk-web@${state.version}`],
    [`vite@${catalogVersion('vite')}`],
  );
  await run('npm', ['run', 'build'], { cwd: dir });
  state.webDist = join(dir, 'dist');
  const assets = readdirSync(join(state.webDist, 'assets'));
  return [
    `installed: ${installed}`,
    ...assets.map(
      (file) =>
        `dist/assets/${file}: ${(statSync(join(state.webDist, 'assets', file)).size / 1024).toFixed(1)} kB`,
    ),
  ];
}

async function buildReactApp() {
  const dir = consumerProject('react', { scripts: { build: 'vite build' } });
  for (const file of readdirSync(join(consumers, 'react')))
    cpSync(join(consumers, 'react', file), join(dir, file));
  const installed = await npmInstall(
    dir,
    [
      `@agent-sessions/react@${state.version}`,
      `react@${catalogVersion('react')}`,
      `react-dom@${catalogVersion('react-dom')}`,
    ],
    [
      `vite@${catalogVersion('vite')}`,
      `@vitejs/plugin-react@${catalogVersion('@vitejs/plugin-react')}`,
      `typescript@${catalogVersion('typescript')}`,
      `@types/react@${catalogVersion('@types/react')}`,
    ],
  );
  await run('npm', ['run', 'build'], { cwd: dir });
  state.reactProject = dir;
  state.reactDist = join(dir, 'dist');
  const assets = readdirSync(join(state.reactDist, 'assets'));
  return [
    `installed: ${installed}`,
    ...assets.map(
      (file) =>
        `dist/assets/${file}: ${(statSync(join(state.reactDist, 'assets', file)).size / 1024).toFixed(1)} kB`,
    ),
  ];
}

/** The React consumer type-checks: strict, DOM and React types only, `skipLibCheck` off. */
async function reactTypecheck() {
  if (!state.reactProject) throw new Error('the React app was not installed (see above)');
  writeJson(join(state.reactProject, 'tsconfig.json'), {
    compilerOptions: {
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      target: 'es2022',
      module: 'esnext',
      moduleResolution: 'bundler',
      jsx: 'react-jsx',
      lib: ['es2022', 'dom'],
      types: [],
    },
    files: ['typecheck.tsx'],
  });
  const tsc = join(state.reactProject, 'node_modules', 'typescript', 'bin', 'tsc');
  await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: state.reactProject });
  return 'tsc -p tsconfig.json: no errors (strict, jsx react-jsx, skipLibCheck false, no Node types)';
}

/** A server render in Node with the installed packages: the saved snapshot, no request. */
async function reactServerRender() {
  if (!state.reactProject) throw new Error('the React app was not installed (see above)');
  const output = await run(process.execPath, ['ssr.mjs'], {
    cwd: state.reactProject,
    timeoutMs: 60_000,
  });
  const { html, requests } = JSON.parse(output.trim().split('\n').at(-1));
  if (!html.includes('running, 1 step, cursor 3') || requests.length > 0) {
    throw new Error(`expected the saved snapshot and no request, got ${html}, ${requests}`);
  }
  return `renderToString: ${html} (no request)`;
}

const CONTENT_TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function serveStatic(root) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const file = join(root, path === '/' ? 'index.html' : path);
    if (!file.startsWith(root) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    });
    res.end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(resolve)));
  return `http://127.0.0.1:${server.address().port}`;
}

/**
 * Serves the built app `dist` and opens it in headless Chromium against the mock server;
 * resolves with what the page printed in `#result` once it is done.
 */
async function openBuiltPage(dist) {
  if (!state.mockUrl) throw new Error('the mock server CLI did not start (see above)');
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(`${CHROMIUM_PATH} not found: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  const origin = await serveStatic(dist);
  const context = await chromium.launchPersistentContext(
    mkdtempSync(join(work, 'chromium-profile-')),
    {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    },
  );
  closers.push(() => context.close());
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on(
    'console',
    (message) => message.type() === 'error' && problems.push(`console: ${message.text()}`),
  );
  await page.goto(`${origin}/?mock=${encodeURIComponent(state.mockUrl)}`);
  const result = page.locator('#result[data-done]');
  await result.waitFor({ timeout: 30_000 });
  const outcome = JSON.parse(await result.textContent());
  const browser = `page ${origin} (Chromium ${context.browser()?.version() ?? ''}) -> mock ${state.mockUrl} (cross-origin)`;
  return { outcome, problems, browser };
}

async function browserRun() {
  if (!state.webDist) throw new Error('the Vite app was not built (see above)');
  const { outcome, problems, browser } = await openBuiltPage(state.webDist);
  const expected = await expectedAnswer();
  if (outcome.answer !== expected || outcome.state !== 'completed') {
    throw new Error(
      `expected ${JSON.stringify(expected)}, got ${JSON.stringify(outcome)}\n${problems.join('\n')}`,
    );
  }
  if (!outcome.refusal?.includes('dangerouslyAllowBrowser')) {
    throw new Error(
      `a secret key without the opt-in was not refused with a way out: ${outcome.refusal}`,
    );
  }
  return [
    browser,
    `answer ${JSON.stringify(outcome.answer)} (token function auth), session ${outcome.state}`,
    `secret key without opt-in refused: ${outcome.refusal.slice(0, 90)}...`,
  ];
}

async function reactBrowserRun() {
  if (!state.reactDist) throw new Error('the React app was not built (see above)');
  const { outcome, problems, browser } = await openBuiltPage(state.reactDist);
  const expected = await expectedAnswer();
  const every = outcome.indexes?.every((index, i) => index === i);
  if (
    outcome.answer !== expected ||
    outcome.state !== 'completed' ||
    !(outcome.events > 0) ||
    !every ||
    JSON.stringify(outcome.onAnswer) !== JSON.stringify([expected])
  ) {
    throw new Error(
      `expected ${JSON.stringify(expected)} from useSession, got ${JSON.stringify(outcome)}\n${problems.join('\n')}`,
    );
  }
  return [
    browser,
    `useSession: answer ${JSON.stringify(outcome.answer)}, session ${outcome.state}, events 0-${outcome.events - 1} each once, onAnswer called once`,
  ];
}

// --- main ---------------------------------------------------------------------------------------

async function main() {
  console.log(`Release rehearsal in ${work}`);
  console.log(`  packages: ${rehearsed.join(', ') || 'none'}`);
  if (excluded.length > 0) console.log(`  LEFT OUT with --only: ${excluded.join(', ')}`);
  if (missing.length > 0) console.log(`  MISSING from the workspace: ${missing.join(', ')}`);

  const prepared =
    (await steps.run('start a local registry (verdaccio, 127.0.0.1, temp storage)', async () => {
      state.registry = await startRegistry(join(work, 'registry'));
      closers.push(() => state.registry.stop());
      return `${state.registry.url} (verdaccio ${state.registry.version}), publisher "rehearsal" registered`;
    })) &&
    (await steps.run('copy the repository to a throwaway folder', copyRepository)) &&
    (await steps.run('install the copy (pnpm install --frozen-lockfile)', () =>
      run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { cwd: copy }).then(
        () => '',
      ),
    )) &&
    (await steps.run(
      'check:changeset refuses a package change without a changeset',
      changesetCheck,
    )) &&
    (await steps.run('version: pnpm run version (changeset version + lockfile)', version)) &&
    (await steps.run(
      'release: pnpm run release (build, check:packages, changeset publish)',
      release,
    )) &&
    (await steps.run(`the registry serves every package at the new version`, registryHasRelease)) &&
    (await steps.run(
      'fresh Node project: npm install every package by version',
      installNodeProject,
    ));
  if (!prepared) return;

  const node = [
    '@agent-sessions/sdk-node',
    '@agent-sessions/mock-server',
    '@agent-sessions/protocol',
  ];
  await steps.run('every package loads through import and require', async () =>
    (await run(process.execPath, ['load.mjs', ...rehearsed], { cwd: state.nodeProject })).trim(),
  );
  await check('Node ESM consumer runs a session against the mock server', node, () =>
    runConsumer('esm.mjs'),
  );
  await check('Node CommonJS consumer runs a session against the mock server', node, () =>
    runConsumer('cjs.cjs'),
  );
  await check('TypeScript consumer type-checks (strict; node16 ESM+CJS, bundler)', node, () =>
    typecheck('tsconfig.node16.json', 'tsconfig.bundler.json'),
  );
  await check(
    'TypeScript browser consumer type-checks against sdk-web without Node types',
    ['@agent-sessions/sdk-web'],
    () => typecheck('tsconfig.web.json'),
  );
  await check('the mock server CLI starts with npx', ['@agent-sessions/mock-server'], mockCli);
  await check(
    'npx -p @agent-sessions/sdk-node agent-sessions run prints the answer from the mock server CLI',
    ['@agent-sessions/sdk-node', '@agent-sessions/mock-server'],
    sdkNodeCli,
  );
  await check('a Vite app builds with sdk-web', ['@agent-sessions/sdk-web'], buildViteApp);
  await check(
    'the built page runs a session in headless Chromium',
    ['@agent-sessions/sdk-web', '@agent-sessions/mock-server'],
    browserRun,
  );
  await check(
    'a Vite React app builds with @agent-sessions/react',
    ['@agent-sessions/react'],
    buildReactApp,
  );
  await check(
    'TypeScript React consumer type-checks (strict, React types, no Node types)',
    ['@agent-sessions/react'],
    reactTypecheck,
  );
  await check(
    'a server render in Node shows a saved snapshot and makes no request',
    ['@agent-sessions/react'],
    reactServerRender,
  );
  await check(
    'the built React app follows a session with useSession in headless Chromium',
    ['@agent-sessions/react', '@agent-sessions/mock-server'],
    reactBrowserRun,
  );
}

await withCleanup(main, async () => {
  for (const close of closers.reverse()) await close().catch(() => {});
  if (options.keep) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});
steps.printSummary(
  `Release rehearsal of ${state.version ?? 'no version'}${missing.length ? ` (MISSING: ${missing.map(shortName).join(', ')})` : ''}`,
);
process.exitCode = steps.failed.length === 0 && missing.length === 0 ? 0 : 1;
