import type { Session, Usage, WireEvent } from '@agent-sessions/protocol';
import { describe, expect, test } from 'vitest';
import { type ScenarioName, scenarios } from '../src/index.js';
import { startEngine } from './support/engine.js';

// What a client can derive from the event log alone, for the fields the status also has.
function fromLog(events: WireEvent[]) {
  const usage: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  let state: string | undefined;
  let answer: string | null = null;
  let stepCount = 0;
  for (const event of events) {
    const data = event.data as Record<string, any>;
    if (event.type === 'step_started') stepCount += 1;
    if (event.type === 'state_changed') state = data.to;
    if (event.type === 'answer') answer = data.content;
    if (event.type === 'step_finished') {
      usage.input_tokens += data.usage.input_tokens;
      usage.output_tokens += data.usage.output_tokens;
      usage.total_tokens += data.usage.total_tokens;
    }
  }
  return { step_count: stepCount, state, turn: events.at(-1)!.turn, usage, answer };
}

const pick = (session: Session) => ({
  step_count: session.step_count,
  state: session.state,
  turn: session.turn,
  usage: session.usage,
  answer: session.answer,
});

describe('status() and the event log agree at every event', () => {
  test.each(Object.keys(scenarios) as ScenarioName[])('%s', async (scenario) => {
    const checked: string[] = [];
    let check: (() => void) | undefined;
    const { engine, call } = startEngine({
      autoAdvance: false,
      // Called as each event is appended: the snapshot a GET would return right then.
      onEvent: () => check?.(),
    });
    const created = await call('POST', '/v1/sessions', {
      body: { input: 'Go.', idle_timeout_s: 5, metadata: { scenario } },
    });
    const id: string = created.body.id;
    check = () => {
      const { session, events } = engine.sessions.get(id)!;
      expect(pick(session), `after event ${events.length - 1} (${events.at(-1)!.type})`).toEqual(
        fromLog(events),
      );
      checked.push(events.at(-1)!.type);
    };
    check();
    let messages = scenario === 'conversation' ? 2 : 1;
    for (let guard = 0; guard < 10_000; guard++) {
      // Between clock steps, the status read over the API agrees as well.
      const status = (await call('GET', `/v1/sessions/${id}`)).body as Session;
      expect(pick(status)).toEqual(fromLog(engine.sessions.get(id)!.events));
      if (['completed', 'failed', 'interrupted'].includes(status.state)) break;
      if (status.state === 'idle' && messages > 0) {
        messages -= 1;
        await call('POST', `/v1/sessions/${id}/messages`, { body: { content: 'More.' } });
        continue;
      }
      const due = engine.clock.nextDue();
      expect(due).toBeDefined();
      engine.clock.advance(due! - engine.clock.now());
    }
    expect(checked).toContain('step_started');
    expect(checked.at(-1)).toBe('state_changed');
    // The creation and the input are appended before the session is stored (one check covers
    // both, right after create); every later event was checked as it was appended.
    expect(checked.length).toBe(engine.sessions.get(id)!.events.length - 1);
  });
});
