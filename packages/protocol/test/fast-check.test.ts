import { readFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import type { ZodMiniType } from 'zod/mini';
import {
  compileCheck,
  parseWireEvent,
  validate,
  validateResponse,
  zChanges,
  zEvent,
  zSession,
  zSessionList,
} from '../src/index.js';

const session = {
  id: 'ses_1',
  state: 'running',
  step_count: 1,
  usage: { input_tokens: 1, output_tokens: 2, total_tokens: 3 },
  turn: 1,
  idle_timeout_s: 0,
  answer: null,
  created_at: '2026-11-24T10:00:00.000Z',
  updated_at: '2026-11-24T10:00:00+02:00',
  metadata: { a: 'b' },
};
const event = {
  index: 0,
  type: 'answer',
  created_at: '2026-11-24T10:00:00.000Z',
  turn: 1,
  agent: { id: 'main', parent_id: null },
  data: { content: 'x', forced: false },
};

/** Every way of breaking one field of `value`: each key removed, or set to each odd value. */
function mutations(value: Record<string, unknown>): unknown[] {
  const odd = [null, undefined, -1, 1.5, '', 'x', true, {}, [], 'a'.repeat(200), 2 ** 53];
  const out: unknown[] = [];
  for (const key of Object.keys(value)) {
    const { [key]: _, ...without } = value;
    out.push(without);
    for (const bad of odd) out.push({ ...value, [key]: bad });
    const inner = value[key];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) {
      for (const changed of mutations(inner as Record<string, unknown>))
        out.push({ ...value, [key]: changed });
    }
  }
  return out;
}

describe('the compiled response check', () => {
  test('never accepts what the schema refuses, and accepts what it accepts (mutations)', () => {
    const cases = [
      [zSession, session],
      [zEvent, event],
      [zSessionList, { data: [session], next_cursor: null, has_more: false }],
      [
        zChanges,
        { events: [event], next: 1, state: 'completed', turn: 1, answer: 'x', terminal: true },
      ],
    ] as [ZodMiniType, unknown][];
    for (const [schema, valid] of cases) {
      expect(compileCheck(schema)(valid)).toBe(true);
      for (const value of mutations(valid as Record<string, unknown>)) {
        const zod = validate(schema, value).success;
        if (compileCheck(schema)(value)) expect(zod, JSON.stringify(value)).toBe(true);
        // Loose schemas: whatever zod accepts, the compiled check accepts too (no slow path).
        else expect(zod, JSON.stringify(value)).toBe(false);
      }
    }
  });

  test('Metadata over its entry limit is refused by the compiled check too', () => {
    const metadata = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`k${i}`, 'v']));
    expect(compileCheck(zSession)({ ...session, metadata })).toBe(false);
    expect(validateResponse(zSession, { ...session, metadata }).success).toBe(false);
  });

  test('parseWireEvent takes the fast path and still reports issues at their paths', () => {
    expect(parseWireEvent(event)).toEqual({ success: true, data: event });
    expect(parseWireEvent({ ...event, data: { content: 1, forced: false } }, 'e')).toEqual({
      success: false,
      issues: [{ path: 'e.data.content', message: 'expected string' }],
    });
  });
});

describe('the compiled check steps aside for zod internals it does not know', () => {
  /** `schema` as a newer zod might shape it (`change` rewrites its internals), its public parse counted. */
  function changed(schema: ZodMiniType, change: (zod: Record<string, unknown>) => unknown) {
    const real = schema as unknown as { _zod: Record<string, unknown> };
    let parses = 0;
    const fake = {
      _zod: change({ ...real._zod, def: { ...(real._zod.def as object) } }),
      safeParse: (value: unknown) => {
        parses += 1;
        return schema.safeParse(value);
      },
    } as unknown as ZodMiniType;
    return { fake, parses: () => parses };
  }
  const cases: [string, (zod: Record<string, unknown>) => unknown][] = [
    [
      'a def type it has never seen',
      (zod) => ({ ...zod, def: { ...(zod.def as object), type: 'from_zod_5' } }),
    ],
    ['no _zod.run', (zod) => ({ ...zod, run: undefined })],
    ['no _zod.def', (zod) => ({ ...zod, def: undefined })],
    ['no _zod at all', () => undefined],
    [
      'a check without _zod.check',
      (zod) => ({ ...zod, def: { ...(zod.def as object), checks: [{}] } }),
    ],
    [
      'an inner schema of another shape',
      (zod) => ({ ...zod, def: { ...(zod.def as object), shape: { id: 42 } } }),
    ],
  ];
  for (const [what, change] of cases) {
    test(`${what}: the compiled check says "not sure" and zod's public safeParse decides`, () => {
      const { fake, parses } = changed(zSession, change);
      expect(compileCheck(fake)(session)).toBe(false);
      expect(validateResponse(fake, session)).toEqual({ success: true, data: session });
      expect(parses()).toBe(1);
      const refused = validateResponse(fake, { ...session, step_count: -1 });
      expect(refused.success).toBe(false);
      expect(parses()).toBe(2);
    });
  }

  test('with the zod it was built for, the compiled check answers alone (no parse)', () => {
    const { fake, parses } = changed(zSession, (zod) => zod);
    expect(compileCheck(fake)(session)).toBe(true);
    expect(validateResponse(fake, session)).toEqual({ success: true, data: session });
    expect(parses()).toBe(0);
  });
});

describe('the browser build (no compiler: fast-check.browser.ts) answers as the Node build', () => {
  /** `src/index.ts` built as `dist/index.browser.js` is, then loaded. */
  const loadBrowserBuild = async () => {
    const { build } = await import('esbuild');
    const { browserBuild } = await import('../scripts/browser-build.js');
    // Written inside the package, so that its `zod` import resolves as the published file's does.
    const outfile = new URL(
      '../node_modules/.cache/browser-build/index.browser.mjs',
      import.meta.url,
    ).pathname;
    await build({ ...browserBuild, outfile });
    const source = await readFile(outfile, 'utf8');
    return { source, module: (await import(outfile)) as typeof import('../src/index.js') };
  };

  test('it holds no compiler, and its compileCheck only ever says "not sure"', async () => {
    const { source, module } = await loadBrowserBuild();
    expect(source).not.toContain('looksKnown');
    expect(module.compileCheck(zSession)(session)).toBe(false);
  });

  test('validateResponse and parseWireEvent give the same results on every mutation', async () => {
    const { module } = await loadBrowserBuild();
    const responses = [
      [zSession, module.zSession, session],
      [
        zChanges,
        module.zChanges,
        { events: [event], next: 1, state: 'completed', turn: 1, answer: 'x', terminal: true },
      ],
    ] as [ZodMiniType, ZodMiniType, unknown][];
    for (const [schema, browserSchema, valid] of responses) {
      for (const value of [valid, ...mutations(valid as Record<string, unknown>)]) {
        expect(
          module.validateResponse(browserSchema, value, 'response'),
          JSON.stringify(value),
        ).toEqual(validateResponse(schema, value, 'response'));
      }
    }
    for (const value of [event, ...mutations(event)]) {
      expect(module.parseWireEvent(value, 'e'), JSON.stringify(value)).toEqual(
        parseWireEvent(value, 'e'),
      );
    }
  });
});
