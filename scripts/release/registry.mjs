// A throwaway npm registry (verdaccio) on 127.0.0.1 with its storage in a temp folder. It serves
// only @agent-sessions/* (no uplinks: nothing can be mistaken for a package from npmjs.org), and
// lets one throwaway user, created on start, publish them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, repoRoot, startProcess } from './lib.mjs';

const CONFIG = `storage: ./storage
auth:
  htpasswd:
    file: ./htpasswd
    max_users: 1
uplinks: {}
packages:
  '@agent-sessions/*':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
  '**':
    access: $all
web:
  enable: false
log: { type: stdout, format: pretty, level: warn }
`;

async function waitUntilUp(url, proc, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/-/ping`)).ok) return;
    } catch {
      // not listening yet
    }
    if (proc.child.exitCode !== null) throw new Error(`verdaccio exited:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `verdaccio did not answer ${url}/-/ping within ${timeoutMs} ms:\n${proc.output()}`,
  );
}

/**
 * Starts verdaccio in `dir` and registers a publisher. Resolves with its `url`, the publisher's
 * `token`, `packument(name)` to read what was published, and `stop()`.
 */
export async function startRegistry(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'config.yaml'), CONFIG);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const proc = startProcess(
    process.execPath,
    [
      join(repoRoot, 'node_modules', 'verdaccio', 'bin', 'verdaccio'),
      '--config',
      join(dir, 'config.yaml'),
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { cwd: dir },
  );
  await waitUntilUp(url, proc);

  const user = 'rehearsal';
  const response = await fetch(`${url}/-/user/org.couchdb.user:${user}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: user, password: 'rehearsal-only', email: 'rehearsal@localhost' }),
  });
  const body = await response.json();
  if (!response.ok || !body.token) {
    throw new Error(`could not create the publisher: ${response.status} ${JSON.stringify(body)}`);
  }
  return {
    url,
    token: body.token,
    version: proc.output().match(/verdaccio\/(\S+)/)?.[1],
    async packument(name) {
      const res = await fetch(`${url}/${name.replace('/', '%2f')}`);
      if (!res.ok) throw new Error(`${name} is not on the registry (${res.status})`);
      return res.json();
    },
    stop: () => proc.stop(),
  };
}
