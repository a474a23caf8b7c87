// Prints what sdk-web costs a page and fails when a bundle is over its budget: browser bundles
// (esbuild, minified, tree-shaken, code split as app bundlers do) of a few apps built on the
// published dist, each with a breakdown by package: what the page loads first (budgeted) and
// what it loads only when used (ky, imported by the first call with request hooks). Then the
// floor of the parts we chose (ky, zod/mini and the generated schemas) measured alone. Fails
// too when anything in a bundle needs Node.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const KB = 1024;

/**
 * The apps, and their gzip budgets on what loads first. A budget is what we reached (so it can
 * only go down; raising one takes a changeset line saying why, with the bytes); the target is
 * the issue's. The README's "Size" section has the floors; the changesets, each budget's history.
 */
const apps = [
  {
    name: 'start + watch + steering',
    // Measured (issue 18, ky loaded on first use). zod/mini with every generated schema is
    // 12.4 kB alone; the client class keeps every method (list, events, run, tokens).
    // +27 B at issue 18's merge: offline as an injected platform piece (platform.online; an
    // attempt in flight is cut when the network drops; the store polls on reconnect), net of
    // sdk-web's option errors now built by the core's one refuse().
    // -870 B at issue 18's last step: protocol's browser build has no compiled response check,
    // and the ky sender (hooks adapter, attempt fetch) moved into ky's lazy chunk.
    budget: 20727,
    target: 20 * KB,
    contents: `
      import { AgentSessions } from './dist/index.js';
      export async function app(baseUrl, getToken, render) {
        const client = new AgentSessions({ baseUrl, apiKey: getToken });
        const session = await client.sessions.start({ input: 'Plan a weekend in Lisbon' });
        for await (const event of session.watch()) render(event);
        await session.send('Only by train');
        await session.pause();
        await session.resume();
        await session.forceAnswer();
        await session.cancel();
      }`,
  },
  {
    name: '+ createSessionStore',
    // Measured (issue 18, ky loaded on first use): the app above plus the store.
    // +39 B at issue 18's merge: offline as an injected platform piece (platform.online; an
    // attempt in flight is cut when the network drops; the store polls on reconnect), net of
    // sdk-web's option errors now built by the core's one refuse().
    // -870 B at issue 18's last step: protocol's browser build has no compiled response check,
    // and the ky sender (hooks adapter, attempt fetch) moved into ky's lazy chunk.
    budget: 22686,
    target: 21.5 * KB,
    contents: `
      import { AgentSessions, createSessionStore } from './dist/index.js';
      export async function app(baseUrl, getToken, render) {
        const client = new AgentSessions({ baseUrl, apiKey: getToken });
        const store = createSessionStore(await client.sessions.start({ input: 'Plan a weekend' }));
        store.subscribe(() => render(store.getSnapshot()));
        await store.session.send('Only by train');
        await store.session.pause();
        await store.session.resume();
        await store.session.forceAnswer();
        await store.session.cancel();
      }`,
  },
  {
    name: '+ createSessionStore (standalone client)',
    // Measured (issue 18): the store over `new SessionHandle(createClient(...), id)`, without
    // the client class (whose `client.sessions` keeps every call and workflow).
    budget: 21854,
    target: 21.5 * KB,
    contents: `
      import { createClient, startSession, SessionHandle, createSessionStore } from './dist/index.js';
      export async function app(baseUrl, getToken, render) {
        const client = createClient({ baseUrl, apiKey: getToken });
        const session = await startSession(client, { input: 'Plan a weekend' });
        const store = createSessionStore(new SessionHandle(client, session.id, session));
        store.subscribe(() => render(store.getSnapshot()));
        await store.session.send('Only by train');
        await store.session.pause();
        await store.session.resume();
        await store.session.forceAnswer();
        await store.session.cancel();
      }`,
  },
  {
    name: 'status only',
    // Measured (issue 18, ky loaded on first use): the class keeps every method and schema; the
    // standalone status app below is what a status-only page should use.
    // +27 B at issue 18's merge: offline as an injected platform piece (platform.online; an
    // attempt in flight is cut when the network drops; the store polls on reconnect), net of
    // sdk-web's option errors now built by the core's one refuse().
    // -871 B at issue 18's last step: protocol's browser build has no compiled response check,
    // and the ky sender (hooks adapter, attempt fetch) moved into ky's lazy chunk.
    budget: 20656,
    target: 14 * KB,
    contents: `
      import { AgentSessions } from './dist/index.js';
      export async function app(baseUrl, getToken, id) {
        const client = new AgentSessions({ baseUrl, apiKey: getToken });
        return (await client.sessions.status(id)).state;
      }`,
  },
  {
    name: 'status only (standalone operation)',
    // Measured (issue 18, ky loaded on first use). zod/mini with the Session schema is 8.3 kB
    // alone; the rest is the transport (retries, timeouts, key provider, errors, redaction,
    // logging, option checks), the Problem schema and the compiled response check.
    // -856 B at issue 18's last step: protocol's browser build has no compiled response check,
    // and the ky sender (hooks adapter, attempt fetch) moved into ky's lazy chunk.
    budget: 16876,
    target: 14 * KB,
    contents: `
      import { createClient, getSessionStatus } from './dist/index.js';
      export async function app(baseUrl, getToken, id) {
        const client = createClient({ baseUrl, apiKey: getToken });
        return (await getSessionStatus(client, id)).state;
      }`,
  },
  {
    name: 'start + watch + steering (standalone operations)',
    // Measured (issue 18, ky loaded on first use).
    // +26 B at issue 18's merge: offline as an injected platform piece (platform.online; an
    // attempt in flight is cut when the network drops; the store polls on reconnect), net of
    // sdk-web's option errors now built by the core's one refuse().
    // -867 B at issue 18's last step: protocol's browser build has no compiled response check,
    // and the ky sender (hooks adapter, attempt fetch) moved into ky's lazy chunk.
    budget: 19475,
    target: 20 * KB,
    contents: `
      import { createClient, startSession, watchSession, sendMessage, controlSession } from './dist/index.js';
      export async function app(baseUrl, getToken, render) {
        const client = createClient({ baseUrl, apiKey: getToken });
        const { id } = await startSession(client, { input: 'Plan a weekend in Lisbon' });
        for await (const event of watchSession(client, id)) render(event);
        await sendMessage(client, id, 'Only by train');
        for (const action of ['pause', 'resume', 'force-answer', 'cancel']) await controlSession(client, id, action);
      }`,
  },
  {
    name: 'an error class only (NotFoundError)',
    budget: 1 * KB,
    target: 1 * KB,
    contents: `
      import { NotFoundError } from './dist/index.js';
      export const isMissing = (error) => NotFoundError.is(error);`,
  },
];

/** What the chosen dependencies cost alone, with no SDK code: the floor under the apps above. */
const floors = [
  {
    name: 'zod/mini + a trivial object schema',
    contents: `import * as z from 'zod/mini'; const schema = z.object({ id: z.string() });
      export const parse = (json) => schema.safeParse(json);`,
    // zod is the protocol's dependency.
    from: '../../protocol',
  },
  {
    name: 'ky alone',
    contents: `import ky from 'ky'; export const get = (url) => ky(url).json();`,
  },
  {
    name: 'zod/mini + the Session schema (status only)',
    contents: `import { validate, zSession } from '@agent-sessions/protocol';
      export const parse = (json) => validate(zSession, json, 'response');`,
  },
  {
    name: 'zod/mini + every generated schema',
    contents: `import * as protocol from '@agent-sessions/protocol'; export const all = protocol;`,
  },
  {
    name: 'ky + zod/mini + every generated schema (the client apps)',
    contents: `import ky from 'ky'; import * as protocol from '@agent-sessions/protocol';
      export const all = [ky, protocol];`,
  },
  {
    name: 'ky + zod/mini + the Session schema',
    contents: `import ky from 'ky'; import { validate, zSession } from '@agent-sessions/protocol';
      export const status = async (url) => validate(zSession, await ky(url).json(), 'response');`,
  },
];

/** Which package an input file belongs to, for the breakdown. */
function owner(path) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1];
  // A workspace package's dist, seen from sdk-web (`../sdk-core/dist/...`) or as our own `dist/`.
  const workspace = /^(?:\.\.\/)+([^/.][^/]*)\/dist\//.exec(path);
  if (workspace) return workspace[1];
  if (path.startsWith('dist/')) return 'sdk-web';
  return 'app';
}

/** An esbuild plugin that serves `contents` as the entry `app.js`, resolved from `resolveDir`. */
const appEntry = (contents, resolveDir) => ({
  name: 'app-entry',
  setup(build) {
    build.onResolve({ filter: /^app\.js$/ }, () => ({ path: 'app.js', namespace: 'app' }));
    build.onLoad({ filter: /.*/, namespace: 'app' }, () => ({
      contents,
      resolveDir,
      loader: 'js',
    }));
  },
});

/**
 * Bundles `contents` as a page would, with code splitting (what Vite, Next and webpack do with
 * a dynamic `import()`): resolves with the sizes of what the page loads first (the entry and
 * the chunks it imports statically) and of what it loads only when asked (the chunks behind a
 * dynamic import), and the bytes by package of each. gzip is per file, as each is its own
 * response.
 */
async function measure(contents, resolveDir) {
  const result = await build({
    entryPoints: ['app.js'],
    plugins: [appEntry(contents, resolveDir)],
    bundle: true,
    splitting: true,
    outdir: 'size-out',
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const problems = [
    ...Object.keys(result.metafile.inputs).filter((path) => path.startsWith('node:')),
    ...Object.values(outputs).flatMap((out) =>
      out.imports.filter((i) => i.external).map((i) => i.path),
    ),
  ];
  // What loads first: the entry and, transitively, what it imports with `import` statements;
  // then what those reach with `import()`. (esbuild also writes a chunk for an `import()` that
  // tree-shaking dropped: reached by neither, it is never loaded.)
  const reach = (from, seen, kinds) => {
    const stack = [...from];
    while (stack.length > 0) {
      const path = stack.pop();
      if (seen.has(path)) continue;
      seen.add(path);
      for (const i of outputs[path].imports) if (kinds.includes(i.kind)) stack.push(i.path);
    }
    return seen;
  };
  const entry = Object.keys(outputs).filter((path) => outputs[path].entryPoint === 'app:app.js');
  const initial = reach(entry, new Set(), ['import-statement']);
  const loaded = reach(initial, new Set(), ['import-statement', 'dynamic-import']);
  const part = () => ({ minified: 0, gzipped: 0, files: 0, byPackage: new Map() });
  const parts = { initial: part(), lazy: part() };
  for (const file of result.outputFiles) {
    const path = Object.keys(outputs).find((p) => file.path.endsWith(p));
    if (!path || !loaded.has(path)) continue;
    const into = initial.has(path) ? parts.initial : parts.lazy;
    into.minified += file.contents.length;
    into.gzipped += gzipSync(file.contents, { level: 9 }).length;
    into.files++;
    for (const [input, { bytesInOutput }] of Object.entries(outputs[path].inputs)) {
      if (bytesInOutput > 0) {
        into.byPackage.set(owner(input), (into.byPackage.get(owner(input)) ?? 0) + bytesInOutput);
      }
    }
  }
  return { ...parts, problems };
}

/** `zod 27.5 kB, sdk-core 18.4 kB, ...`, largest first. */
const breakdown = (byPackage) =>
  [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .map(([pkg, bytes]) => `${pkg} ${kB(bytes)}`)
    .join(', ');

let failed = false;
for (const app of apps) {
  const { initial, lazy, problems } = await measure(app.contents, process.cwd());
  if (problems.length > 0) {
    console.error(`${app.name}: the bundle needs Node or external modules:`, problems);
    failed = true;
  }
  const { minified, gzipped } = initial;
  const over = gzipped > app.budget;
  if (over) failed = true;
  const target = app.target < app.budget ? `, target ${kB(app.target)}` : '';
  console.log(
    `${app.name}: ${kB(minified)} minified, ${kB(gzipped)} gzipped = ${gzipped} B loaded first (${over ? 'OVER' : 'within'} the ${kB(app.budget)} budget = ${Math.floor(app.budget)} B${target})`,
  );
  console.log(`  minified by package: ${breakdown(initial.byPackage)}`);
  if (lazy.files > 0) {
    console.log(
      `  + loaded only when used: ${kB(lazy.minified)} minified, ${kB(lazy.gzipped)} gzipped = ${lazy.gzipped} B in ${lazy.files} chunk(s): ${breakdown(lazy.byPackage)}`,
    );
  }
}

console.log('floors (no SDK code):');
for (const floor of floors) {
  // Resolved from sdk-core (which depends on ky and the protocol) unless it says otherwise.
  const { initial } = await measure(
    floor.contents,
    new URL(floor.from ?? '../../sdk-core', import.meta.url).pathname,
  );
  console.log(`  ${floor.name}: ${kB(initial.minified)} minified, ${kB(initial.gzipped)} gzipped`);
}
process.exitCode = failed ? 1 : 0;
