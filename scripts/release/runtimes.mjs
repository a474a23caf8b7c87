#!/usr/bin/env node
// The runtime matrix: every runtime the README and `engines` list, tested.
// - Node 20, 22 and 24 (22 and 24 from the npm `node` package) run the SDK test suites of
//   sdk-core and sdk-node, which cover every public method against the real mock server.
// - Node 20/22/24, Bun and Deno (from their npm packages) run a smoke test of the packed sdk-node
//   (scripts/release/consumers/runtime/smoke.mjs) and one of the packed sdk-web outside a page
//   (web-smoke.mjs), installed in a fresh project outside the workspace, against a mock server;
//   their results are checked against what the server recorded; and one of the packed
//   mock-server's MSW handlers under msw's `setupServer` (msw-smoke.mjs), the engine in the same
//   process as the packed sdk-node it answers.
// Prints a table. Expects built packages (`pnpm run test:runtimes` builds first).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  importInstalled,
  packPackage,
  publishablePackages,
  repoRoot,
  run,
  withCleanup,
} from './lib.mjs';

const NEEDED = ['protocol', 'sdk-core', 'sdk-node', 'sdk-web', 'mock-server'].map(
  (name) => `@agent-sessions/${name}`,
);
const TEST_SUITES = ['sdk-core', 'sdk-node'];
const nodeMajor = Number(process.versions.node.split('.')[0]);
const npxNode = (major) =>
  major === nodeMajor ? [process.execPath] : ['npx', '-y', '-p', `node@${major}`, 'node'];
const RUNTIMES = [
  { label: 'Node 20', command: npxNode(20), suites: true },
  { label: 'Node 22', command: npxNode(22), suites: true },
  { label: 'Node 24', command: npxNode(24), suites: true },
  { label: 'Bun 1.4.5', command: ['npx', '-y', 'bun@1.4.5'] },
  {
    label: 'Deno 2.9.6',
    command: [
      'npx',
      '-y',
      'deno@2.9.6',
      'run',
      '--allow-env',
      '--allow-net=127.0.0.1',
      '--allow-read',
    ],
  },
];

/** The msw the workspace tests with (the catalog's pin), so the matrix runs the same one. */
function mswVersion() {
  const workspace = readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8');
  const pinned = /^\s+msw:\s*([\d.]+)\s*$/m.exec(workspace)?.[1];
  if (!pinned) throw new Error('no msw version in the pnpm-workspace.yaml catalog');
  return pinned;
}

const work = mkdtempSync(join(tmpdir(), 'agent-sessions-runtimes-'));
const rows = [];

/** A fresh project outside the workspace with the packed packages installed, as users get them. */
async function installPacked() {
  const packages = publishablePackages().filter((pkg) => NEEDED.includes(pkg.name));
  const absent = NEEDED.filter((name) => !packages.some((pkg) => pkg.name === name));
  if (absent.length > 0) throw new Error(`not in the workspace: ${absent.join(', ')}`);
  const project = join(work, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    '{ "name": "runtime-smoke", "private": true, "type": "module" }\n',
  );
  const tarballs = [];
  for (const pkg of packages) tarballs.push((await packPackage(pkg.path, work)).filename);
  await run('npm', ['install', '--no-audit', '--no-fund', ...tarballs, `msw@${mswVersion()}`], {
    cwd: project,
  });
  for (const file of ['smoke.mjs', 'web-smoke.mjs', 'msw-smoke.mjs']) {
    cpSync(join(repoRoot, 'scripts', 'release', 'consumers', 'runtime', file), join(project, file));
  }
  return project;
}

/**
 * Runs one smoke script on a runtime against a fresh mock server, then compares what it printed
 * (its last line, JSON) with what `expect(seen, server)` says it should have seen: a list of
 * `[what, actual, expected]`. Resolves with the script's output and the number of checks.
 */
async function runSmoke(project, mock, runtime, file, expect) {
  const server = await mock.createMockServer();
  try {
    const [command, ...args] = runtime.command;
    const output = await run(command, [...args, file], {
      cwd: project,
      env: { AGENT_SESSIONS_API_KEY: 'test-key', AGENT_SESSIONS_BASE_URL: server.url },
      timeoutMs: 180_000,
    });
    const seen = JSON.parse(output.trim().split('\n').at(-1));
    const expectations = expect(seen, server);
    const wrong = expectations.filter(([, actual, expected]) => actual !== expected);
    if (wrong.length > 0) {
      throw new Error(
        wrong
          .map(
            ([what, actual, expected]) =>
              `${what}: got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
          )
          .join('\n'),
      );
    }
    return { seen, checks: expectations.length };
  } finally {
    await server.close();
  }
}

/** The sdk-node smoke test: every way to read and steer a session. */
async function smoke(project, mock, runtime) {
  const { scenarios } = mock;
  const answerOf = (scenario, turn = 0) => {
    const turns = scenarios[scenario].turns;
    return turns[Math.min(turn, turns.length - 1)].end.answer;
  };
  let recorded = 0;
  const { seen, checks } = await runSmoke(project, mock, runtime, 'smoke.mjs', (seen, server) => {
    recorded = server.sessions.get(seen.watched.id).events.length;
    return [
      ['run() answer', seen.run.answer, answerOf('short-answer')],
      ['run() state', seen.run.state, 'completed'],
      ['watch() indexes', seen.watched.indexes.join(), [...Array(recorded).keys()].join()],
      ['events() history length', seen.watched.history, recorded],
      ['answer() after watch', seen.watched.answer, answerOf('tool-calls')],
      ['status() after watch', seen.watched.state, 'completed'],
      ['state after pause', seen.steered.pausedState, 'paused'],
      ['forced answer', seen.steered.forcedAnswer, scenarios.slow.forced.answer],
      ['ask() second turn', seen.chat.secondAnswer, answerOf('conversation', 1)],
      ['state after cancel', seen.chat.state, 'interrupted'],
      ['list() sessions', seen.listed, 4],
    ];
  });
  return { version: seen.runtime, detail: `${checks} checks, ${recorded} events watched` };
}

/** The sdk-web smoke test outside a page: watch, and a store that resumes. */
async function webSmoke(project, mock, runtime) {
  const { checks } = await runSmoke(project, mock, runtime, 'web-smoke.mjs', (seen, server) => {
    const watched = server.sessions.get(seen.watched.id).events.length;
    const stored = server.sessions.get(seen.store.id);
    return [
      ['watch() indexes', seen.watched.indexes.join(), [...Array(watched).keys()].join()],
      [
        'answer() after watch',
        seen.watched.answer,
        mock.scenarios['tool-calls'].turns[0].end.answer,
      ],
      ['store error', seen.store.error, null],
      ['store state', seen.store.state, 'completed'],
      ['store event_count', seen.store.event_count, stored.events.length],
      ['store step_count', seen.store.step_count, stored.session.step_count],
      ['resumed store done', seen.store.resumedDone, true],
      ['resumed store event_count', seen.store.resumedCount, stored.events.length],
    ];
  });
  return `pass (${checks} checks)`;
}

/** The MSW smoke test: the packed handlers answer the packed sdk-node in one process. */
async function mswSmoke(project, mock, runtime) {
  const { checks } = await runSmoke(project, mock, runtime, 'msw-smoke.mjs', (seen) => [
    ['run() answer', seen.run.answer, mock.scenarios['short-answer'].turns[0].end.answer],
    ['run() state', seen.run.state, 'completed'],
    ['watch() indexes', seen.watched.indexes, seen.watched.recorded],
    ['start retried after a reset fault', seen.retried.statuses, '0,201'],
    ['sessions created', seen.retried.sessions, 3],
    ['dribbled status read whole', seen.dribbled, true],
  ]);
  return `pass (${checks} checks)`;
}

/** Runs one package's vitest suite on a runtime; resolves with "N passed". */
async function testSuite(runtime, suite) {
  const cwd = join(repoRoot, 'packages', suite);
  const [command, ...args] = runtime.command;
  const output = await run(
    command,
    [...args, join(cwd, 'node_modules', 'vitest', 'vitest.mjs'), 'run'],
    {
      cwd,
      timeoutMs: 600_000,
    },
  );
  const passed = stripVTControlCharacters(output).match(/Tests\s+(\d+) passed/)?.[1];
  if (!passed) throw new Error(`no test summary in the output:\n${output.slice(-2000)}`);
  return `${passed} passed`;
}

async function main() {
  const project = await installPacked();
  const mock = await importInstalled(project, '@agent-sessions/mock-server');
  for (const runtime of RUNTIMES) {
    const row = {
      runtime: runtime.label,
      version: '',
      smoke: '',
      webSmoke: '',
      mswSmoke: '',
      suites: {},
      problems: [],
    };
    const started = performance.now();
    process.stdout.write(`▶ ${runtime.label}\n`);
    try {
      const result = await smoke(project, mock, runtime);
      row.version = result.version;
      row.smoke = `pass (${result.detail})`;
    } catch (error) {
      row.smoke = 'FAIL';
      row.problems.push(`smoke: ${error.message}`);
    }
    try {
      row.webSmoke = await webSmoke(project, mock, runtime);
    } catch (error) {
      row.webSmoke = 'FAIL';
      row.problems.push(`sdk-web smoke: ${error.message}`);
    }
    try {
      row.mswSmoke = await mswSmoke(project, mock, runtime);
    } catch (error) {
      row.mswSmoke = 'FAIL';
      row.problems.push(`MSW smoke: ${error.message}`);
    }
    for (const suite of runtime.suites ? TEST_SUITES : []) {
      try {
        row.suites[suite] = await testSuite(runtime, suite);
      } catch (error) {
        // vitest's summary line, e.g. "Tests  1 failed | 62 passed (63)", when it got that far.
        const counts = error.message.match(/Tests\s+(\d+ failed[^(\n]*)/)?.[1]?.trim();
        row.suites[suite] = counts ? `FAIL (${counts})` : 'FAIL';
        row.problems.push(`${suite} tests: ${error.message}`);
      }
    }
    row.seconds = (performance.now() - started) / 1000;
    for (const problem of row.problems) process.stdout.write(`${problem.replace(/^/gm, '    ')}\n`);
    rows.push(row);
  }
}

function printTable() {
  const header = [
    'runtime',
    'version',
    'sdk-node smoke (packed)',
    'sdk-web smoke (packed)',
    'MSW smoke (packed)',
    ...TEST_SUITES.map((suite) => `${suite} tests`),
    'time',
  ];
  const body = rows.map((row) => [
    row.runtime,
    row.version || '?',
    row.smoke,
    row.webSmoke,
    row.mswSmoke,
    ...TEST_SUITES.map((suite) => row.suites[suite] ?? '-'),
    `${row.seconds.toFixed(1)} s`,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...body].map((cells) => cells[column].length)),
  );
  const line = (cells) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(
    `\nRuntime matrix\n${line(header)}\n|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
  );
  for (const cells of body) console.log(line(cells));
}

let failed = false;
await withCleanup(
  async () => {
    try {
      await main();
    } catch (error) {
      failed = true;
      console.error(`runtime matrix could not run: ${error.message}`);
    }
  },
  async () => rmSync(work, { recursive: true, force: true }),
);
if (rows.length > 0) printTable();
process.exitCode = failed || rows.some((row) => row.problems.length > 0) ? 1 : 0;
