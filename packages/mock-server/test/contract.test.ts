import { expect, test } from 'vitest';
import { TOKEN_SCOPE_OF } from '../src/api/token-access.js';
import { OPERATION_IDS, type OperationId } from '../src/index.js';
import { checkResponse, spec } from './support/openapi-contract.js';
import { api, startServer } from './support/server.js';

// Every status the document lists for each operation.
const documented: [OperationId, number][] = Object.values<any>(spec.paths).flatMap((item) =>
  ['get', 'post']
    .filter((method) => item[method])
    .flatMap((method) =>
      Object.keys(item[method].responses).map(
        (status) => [item[method].operationId, Number(status)] as [OperationId, number],
      ),
    ),
);

test('the spec operations are the ones the server serves', () => {
  expect(new Set(documented.map(([operation]) => operation))).toEqual(new Set(OPERATION_IDS));
});

test('the scope a session token needs for each operation is the one the spec lists', () => {
  const scopes = Object.values<any>(spec.paths).flatMap((item) =>
    ['get', 'post']
      .filter((method) => item[method])
      .map((method) => {
        const op = item[method];
        const requirements: Record<string, string[]>[] = op.security ?? spec.security;
        const scope = requirements.flatMap((r) => r.sessionToken ?? []);
        expect(scope.length, op.operationId).toBeLessThanOrEqual(1);
        return [op.operationId, scope[0] ?? null];
      }),
  );
  expect(Object.fromEntries(scopes)).toEqual(TOKEN_SCOPE_OF);
});

test('every documented response of every operation is produced, and matches the document', async () => {
  const server = await startServer();
  const client = api(server);
  const noKey = api(server, null);
  const done = (await client.create({ input: 'Finished.' })).body.id;
  await client.drain(done);
  const live = (await client.create({ input: 'Live.', metadata: { scenario: 'slow' } })).body.id;
  const tooLongKey = { 'Idempotency-Key': 'k'.repeat(256) };

  // [operation, call with a good request, call with a bad one (400), the 404, the 409]
  const calls: Record<
    OperationId,
    {
      ok: (id: string) => Promise<unknown>;
      bad: (id: string) => Promise<unknown>;
      conflict?: () => Promise<unknown>;
    }
  > = {
    createSession: {
      ok: () => client.create({ input: 'x' }, { 'Idempotency-Key': 'c1' }),
      bad: () => client.create({ input: 5 }),
      conflict: () => client.create({ input: 'y' }, { 'Idempotency-Key': 'c1' }),
    },
    listSessions: {
      ok: () => client.call('GET', '/v1/sessions'),
      bad: () => client.call('GET', '/v1/sessions?limit=0'),
    },
    getSession: { ok: (id) => client.get(id), bad: () => client.get('bad id') },
    getSessionChanges: {
      ok: (id) => client.changes(id, 0, 1),
      bad: (id) => client.changes(id, -1),
    },
    listSessionEvents: {
      ok: (id) => client.events(id),
      bad: (id) => client.events(id, '?limit=501'),
    },
    sendSessionMessage: {
      ok: (id) => client.message(id, 'Steer.'),
      bad: (id) => client.call('POST', `/v1/sessions/${id}/messages`, { text: 'x' }),
      conflict: () => client.message(done, 'Too late.'),
    },
    pauseSession: {
      ok: (id) => client.control(id, 'pause'),
      bad: (id) => client.control(id, 'pause', tooLongKey),
      conflict: () => client.control(done, 'pause'),
    },
    resumeSession: {
      ok: (id) => client.control(id, 'resume'),
      bad: (id) => client.control(id, 'resume', tooLongKey),
      conflict: () => client.control(done, 'resume'),
    },
    forceSessionAnswer: {
      ok: (id) => client.control(id, 'force-answer'),
      bad: (id) => client.control(id, 'force-answer', tooLongKey),
      conflict: () => client.control(done, 'force-answer'),
    },
    cancelSession: {
      ok: (id) => client.control(id, 'cancel'),
      bad: (id) => client.control(id, 'cancel', tooLongKey),
      conflict: () => client.control(done, 'cancel'),
    },
    createSessionToken: {
      ok: (id) => client.mintToken(id, { scopes: ['read'] }, { 'Idempotency-Key': 't1' }),
      bad: (id) => client.mintToken(id, { scopes: ['read', 'read'] }),
      conflict: () => client.mintToken(live, { scopes: ['steer'] }, { 'Idempotency-Key': 't1' }),
    },
  };
  const paths: Record<OperationId, (id: string) => [string, string]> = {
    createSession: () => ['POST', '/v1/sessions'],
    listSessions: () => ['GET', '/v1/sessions'],
    getSession: (id) => ['GET', `/v1/sessions/${id}`],
    getSessionChanges: (id) => ['GET', `/v1/sessions/${id}/changes`],
    listSessionEvents: (id) => ['GET', `/v1/sessions/${id}/events`],
    sendSessionMessage: (id) => ['POST', `/v1/sessions/${id}/messages`],
    pauseSession: (id) => ['POST', `/v1/sessions/${id}/pause`],
    resumeSession: (id) => ['POST', `/v1/sessions/${id}/resume`],
    forceSessionAnswer: (id) => ['POST', `/v1/sessions/${id}/force-answer`],
    cancelSession: (id) => ['POST', `/v1/sessions/${id}/cancel`],
    createSessionToken: (id) => ['POST', `/v1/sessions/${id}/tokens`],
  };
  // A token that lacks what each operation needs (none has what list/start/mint need): a 403.
  const readToken = (await client.mintToken(live, { scopes: ['read'] })).body.token;
  const steerToken = (await client.mintToken(live, { scopes: ['steer'] })).body.token;
  const bodies: Partial<Record<OperationId, unknown>> = {
    createSession: { input: 'x' },
    sendSessionMessage: { content: 'x' },
    createSessionToken: { scopes: ['read'] },
  };
  for (const operation of OPERATION_IDS) {
    const { ok, bad, conflict } = calls[operation];
    await bad(live);
    const [method, path] = paths[operation](live);
    await noKey.call(method, path, method === 'POST' ? { input: 'x', content: 'x' } : undefined);
    const denied = api(server, TOKEN_SCOPE_OF[operation] === 'read' ? steerToken : readToken);
    expect((await denied.call(method, path, bodies[operation])).status, operation).toBe(403);
    if (path.includes(live)) {
      const [, missing] = paths[operation]('ses_missing');
      await client.call(method, missing, bodies[operation]);
    }
    await conflict?.();
    for (const [kind, status] of [
      ['rate_limit', undefined],
      ['server_error', 500],
      ['server_error', 503],
    ] as const) {
      server.faults.add({
        operation,
        call: 1,
        kind,
        ...(status ? { status } : {}),
        retryAfterS: 1,
      });
      await (operation === 'createSession' ? client.create({ input: 'x' }) : ok(live));
      server.faults.clear();
    }
    await ok(live);
  }

  const seen = new Set(
    (await server.observed()).map((entry) => `${entry.operation} ${entry.status}`),
  );
  const missing = documented.filter(([operation, status]) => !seen.has(`${operation} ${status}`));
  expect(missing).toEqual([]);
  // Every one of them matched the document (also checked for every server in every test file).
  expect((await server.observed()).flatMap((entry) => entry.problems)).toEqual([]);
});

test('the check itself refuses responses that break the document', async () => {
  const request = new Request('http://127.0.0.1/v1/sessions/ses_1');
  const json = { 'Content-Type': 'application/json', 'X-Request-Id': 'req_1' };
  const problems = async (body: string, status: number, headers: Record<string, string>) =>
    (await checkResponse(request, new Response(body, { status, headers })))!.problems;
  expect(await problems('{"id":1}', 200, json)).toEqual([
    expect.stringContaining('GET /v1/sessions/ses_1 -> 200: data must have required property'),
  ]);
  expect(await problems('{}', 418, json)).toEqual([
    'GET /v1/sessions/ses_1 -> 418: status not documented',
  ]);
  expect(await problems('{}', 404, { 'Content-Type': 'application/problem+json' })).toContain(
    'GET /v1/sessions/ses_1 -> 404: missing header X-Request-Id',
  );
});
