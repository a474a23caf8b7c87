import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import {
  createMockServer,
  type Fixture,
  FixtureError,
  loadFixtureDir,
  parseFixture,
  parseFixtureJson,
  scenarios,
  stringifyFixture,
} from '../src/index.js';
import { api, startServer } from './support/server.js';

const base = scenarios['short-answer'];
const copy = (): any => structuredClone(base);

function issuesOf(value: unknown): string[] {
  try {
    parseFixture(value, 'bad.json');
  } catch (error) {
    expect(error).toBeInstanceOf(FixtureError);
    expect((error as FixtureError).file).toBe('bad.json');
    return (error as FixtureError).issues.map((issue) => issue.path);
  }
  throw new Error('expected the fixture to be refused');
}

describe('parseFixture', () => {
  test('a wrong version or format names the field', () => {
    expect(issuesOf({ ...copy(), version: 2 })).toEqual(['version']);
    expect(issuesOf({ ...copy(), format: 'other' })).toEqual(['format']);
  });

  test('an event that breaks the protocol schema names its path inside the file', () => {
    const fixture = copy();
    fixture.turns[0].steps[0].events.push({
      at_ms: 1000,
      type: 'tool_returned',
      agent: { id: 'main', parent_id: null },
      data: { call_id: 'c', tool: 't', output: 'o' },
    });
    expect(issuesOf(fixture)).toEqual(['turns[0].steps[0].events[1].data.is_error']);
  });

  test('a bad agent, a server-emitted type and an out-of-step time are refused', () => {
    const fixture = copy();
    fixture.turns[0].steps[1].events[0].agent = { id: '' };
    fixture.turns[0].steps[0].events[0].type = 'answer';
    fixture.turns[0].steps[0].events[0].at_ms = 99_999;
    const paths = issuesOf(fixture);
    expect(paths).toContain('turns[0].steps[0].events[0].type');
    expect(paths).toContain('turns[0].steps[0].events[0].at_ms');
    expect(paths).toContain('turns[0].steps[1].events[0].agent.id');
    expect(paths).toContain('turns[0].steps[1].events[0].agent.parent_id');
  });

  test('a structural mistake names its path', () => {
    const fixture = copy();
    fixture.turns[0].steps = [];
    fixture.turns[0].end = { answer: 'x', extra: true };
    fixture.forced.usage.total_tokens = -1;
    expect(issuesOf(fixture).sort()).toEqual(
      ['forced.usage.total_tokens', 'turns[0].end.extra', 'turns[0].steps'].sort(),
    );
  });

  test('the error message names the file and each path', () => {
    expect(() => parseFixtureJson('{"format": ', 'fixtures/x.json')).toThrow(
      /Invalid fixture fixtures\/x\.json: \(root\): not valid JSON/,
    );
    expect(() => parseFixture({ ...copy(), name: 'Bad Name' }, 'fixtures/y.json')).toThrow(
      'Invalid fixture fixtures/y.json: name:',
    );
  });

  test('rejects a bad fixture file without quoting its content', () => {
    const secret = 'sk-live-DO-NOT-PRINT';
    const attempts = [
      `API_KEY=${secret}\n`,
      `{"format": "${secret}"`,
      `{"format": "${secret}"}`,
      `${'['.repeat(10_000)}"${secret}"${']'.repeat(10_000)}`,
    ];
    for (const text of attempts) {
      let message = '';
      try {
        parseFixtureJson(text, 'fixtures/stray.json');
      } catch (error) {
        expect(error).toBeInstanceOf(FixtureError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/^Invalid fixture fixtures\/stray\.json: /);
      expect(message).not.toContain(secret);
      expect(message).not.toContain('API_KEY');
    }
    const emitted = copy();
    emitted.turns[0].steps[0].events[0].type = 'answer';
    expect(() => parseFixture(emitted, 'f.json')).toThrow(
      /events\[0\]\.type: is a type the server emits/,
    );
  });

  test('stringifyFixture is canonical: key order does not depend on the input', () => {
    const shuffled = copy();
    const event = shuffled.turns[0].steps[0].events[0];
    shuffled.turns[0].steps[0].events[0] = {
      data: event.data,
      agent: event.agent,
      type: event.type,
      at_ms: event.at_ms,
    };
    const reordered = Object.fromEntries(Object.entries(shuffled).reverse()) as unknown as Fixture;
    expect(stringifyFixture(reordered)).toBe(stringifyFixture(base));
    expect(stringifyFixture(base).endsWith('}\n')).toBe(true);
    expect(parseFixtureJson(stringifyFixture(base))).toEqual(base);
  });
});

describe('fixtures given to a server', () => {
  test('are checked: a bad one or a repeated name is refused with where it is', async () => {
    const bad = copy();
    bad.turns[0].end = {};
    await expect(createMockServer({ fixtures: [base, bad] })).rejects.toThrow(
      /Invalid fixture fixtures\[1\]: turns\[0\]\.end/,
    );
    await expect(createMockServer({ fixtures: [base, copy()] })).rejects.toThrow(
      'fixtures[1]: another fixture is already named "short-answer"',
    );
  });
});

describe('a fixtures directory', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const write = (file: string, fixture: unknown) =>
    writeFileSync(
      join(dir!, file),
      typeof fixture === 'string' ? fixture : JSON.stringify(fixture),
    );

  test('loads every *.json, sorted; the first is the default when short-answer is absent', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
    write('b.json', { ...copy(), name: 'beta' });
    write('a.json', {
      ...copy(),
      name: 'alpha',
      turns: [{ ...copy().turns[0], end: { answer: 'From alpha.' } }],
    });
    write('notes.txt', 'ignored');
    const fixtures = await loadFixtureDir(dir);
    expect(fixtures.map((fixture) => fixture.name)).toEqual(['alpha', 'beta']);
    const server = await startServer({ fixtures: dir });
    expect(server.scenarioNames).toEqual(['alpha', 'beta']);
    const client = api(server);
    const { body } = await client.create({ input: 'x' });
    await client.drain(body.id);
    expect((await client.get(body.id)).body.answer).toBe('From alpha.');
    const unknown = await client.create({ input: 'x', metadata: { scenario: 'short-answer' } });
    expect((unknown.body as any).errors[0].message).toContain('alpha, beta');
  });

  test('a bad file fails the load with its path and the path inside it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
    const bad = copy();
    bad.turns[0].steps[0].events[0].data = { content: 42 };
    write('bad.json', bad);
    await expect(loadFixtureDir(dir)).rejects.toThrow(
      `Invalid fixture ${join(dir, 'bad.json')}: turns[0].steps[0].events[0].data.content: expected string`,
    );
  });

  test('an empty directory is refused', async () => {
    dir = mkdtempSync(join(tmpdir(), 'fixtures-'));
    await expect(loadFixtureDir(dir)).rejects.toThrow(/no \*\.json fixture files/);
  });
});
