// Prints what sdk-web costs a page: a browser bundle (esbuild, minified, tree-shaken) of an app
// that starts a session, watches it and steers it, and the same with the session store.
// Fails when the gzipped size is over budget or anything in the bundle needs Node.
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const BUDGET_BYTES = 15 * 1024;

const apps = {
  'start + watch + steering': `
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
  '+ createSessionStore': `
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
};

/** Which package an input file belongs to, for the breakdown. */
function owner(path) {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (match) return match[1];
  const workspace = /packages\/([^/]+)\//.exec(path);
  return workspace ? `@agent-sessions/${workspace[1]}` : path;
}

const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
let failed = false;
for (const [name, contents] of Object.entries(apps)) {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), loader: 'js', sourcefile: 'app.js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  const inputs = Object.keys(result.metafile.inputs);
  const nodeOnly = inputs.filter((path) => path.startsWith('node:'));
  const imports = Object.values(result.metafile.outputs).flatMap((out) => out.imports);
  if (nodeOnly.length > 0 || imports.length > 0) {
    console.error(`${name}: the bundle needs Node or external modules:`, nodeOnly, imports);
    failed = true;
  }
  const gzipped = gzipSync(output.contents, { level: 9 }).length;
  const byPackage = new Map();
  for (const out of Object.values(result.metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(out.inputs)) {
      byPackage.set(owner(path), (byPackage.get(owner(path)) ?? 0) + bytesInOutput);
    }
  }
  const breakdown = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .map(([pkg, bytes]) => `${pkg} ${kB(bytes)}`)
    .join(', ');
  const verdict = gzipped <= BUDGET_BYTES ? 'within' : 'OVER';
  console.log(
    `${name}: ${kB(output.contents.length)} minified, ${kB(gzipped)} gzipped (${verdict} the ${kB(BUDGET_BYTES)} budget)`,
  );
  console.log(`  minified bytes by package: ${breakdown}`);
  if (gzipped > BUDGET_BYTES) failed = true;
}
process.exitCode = failed ? 1 : 0;
