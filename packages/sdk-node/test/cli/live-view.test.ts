import { PassThrough } from 'node:stream';
import { scenarios } from '@agent-sessions/mock-server';
import { MockEngine } from '@agent-sessions/mock-server/engine';
import { afterAll, expect, test } from 'vitest';
import { renderFrame } from '../../src/cli/live-view.js';
import { createOutput } from '../../src/cli/output.js';
import { emptyView, foldEvent } from '../../src/cli/view-model.js';
import { parseEvent, type SessionEvent } from '../../src/index.js';

const engine = new MockEngine({ fixtures: Object.values(scenarios) });
afterAll(() => engine.close());

/** A finished session of the catalog, its events as the SDK parses them. */
async function played(scenario: string): Promise<SessionEvent[]> {
  const response = await engine.handle(
    new Request('http://mock/v1/sessions', {
      method: 'POST',
      headers: { authorization: 'Bearer test-key', 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'x', metadata: { scenario } }),
    }),
  );
  const { id } = (await response.json()) as { id: string };
  engine.clock.advance(3_600_000);
  return engine.sessions.get(id)!.events.map((event) => {
    const parsed = parseEvent(event);
    if (!parsed.success) throw new Error('bad event');
    return parsed.data;
  });
}

/** A terminal's stdout of the given width (not a real one: nothing is written). */
function terminal(columns: number): NodeJS.WriteStream {
  return Object.assign(new PassThrough(), {
    isTTY: true,
    columns,
  }) as unknown as NodeJS.WriteStream;
}

test('the frame: header from the events, subagents under their agent, each line cut to the width', async () => {
  const events = await played('delegation');
  const view = emptyView('ses_1');
  for (const event of events) foldEvent(view, event);
  const usage = events.reduce(
    (sum, e) => sum + (e.type === 'step_finished' ? e.data.usage.total_tokens : 0),
    0,
  );
  const out = createOutput(false, { NO_COLOR: '1' }, terminal(50));
  const lines = renderFrame(out, view, 50);
  expect(lines[0]).toBe(`completed  step 3  ${usage.toLocaleString('en-US')} tokens  13.0s  ses_1`);
  expect(lines.slice(1).map((line) => line.trim().split(/\s+/)[0])).toEqual(['main', '└', '└']);
  expect(lines[2]).toMatch(/^ {2}└ researcher_1 {2}done: /);
  for (const line of lines.slice(1)) expect(line.length).toBeLessThanOrEqual(50);
  expect(view.answer?.content).toBe(
    (scenarios.delegation.turns[0]!.end as { answer: string }).answer,
  );
});

test('colour: on a terminal without NO_COLOR only; never in a pipe; NO_COLOR= (empty) does not count', () => {
  const view = emptyView('ses_1');
  view.state = 'running';
  const painted = (env: NodeJS.ProcessEnv, stream: NodeJS.WriteStream) =>
    renderFrame(createOutput(false, env, stream), view, 80)[0]!;
  const ESC = String.fromCharCode(27);
  expect(painted({}, terminal(80))).toContain(`${ESC}[`);
  expect(painted({ NO_COLOR: '1' }, terminal(80))).not.toContain(ESC);
  expect(painted({ NO_COLOR: '' }, terminal(80))).toContain(`${ESC}[`);
  expect(painted({ TERM: 'dumb' }, terminal(80))).not.toContain(ESC);
  expect(painted({}, new PassThrough() as unknown as NodeJS.WriteStream)).not.toContain(ESC);
  expect(createOutput(false, {}, new PassThrough() as unknown as NodeJS.WriteStream).mode).toBe(
    'ndjson',
  );
  expect(createOutput(true, {}, terminal(80)).mode).toBe('ndjson');
});
