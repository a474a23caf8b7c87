import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script without declarations
import { eventDataSchemaNames, terminalStates } from '../scripts/generate.mjs';
import { KNOWN_EVENT_TYPES, KNOWN_SESSION_STATES, TERMINAL_STATES } from '../src/index.js';
import { spec } from './spec.js';

/** The spec with `change` applied to a deep copy of it. */
function specWith(change: (copy: any) => void): any {
  const copy = structuredClone(spec);
  change(copy);
  return copy;
}
const knownState = (document: any) => document.components.schemas.KnownSessionState;

describe("TERMINAL_STATES comes from the spec's x-terminal, checked against x-transitions", () => {
  test('the exported list is the one the spec declares, in lifecycle order', () => {
    expect(TERMINAL_STATES).toEqual(terminalStates(spec));
    expect(TERMINAL_STATES).toEqual(
      KNOWN_SESSION_STATES.filter((state) => knownState(spec)['x-terminal'].includes(state)),
    );
  });

  test('generation fails when a state with no transition out of it is not in x-terminal', () => {
    const document = specWith((copy) => {
      knownState(copy)['x-terminal'] = ['completed', 'interrupted'];
    });
    expect(() => terminalStates(document)).toThrow(/missing from x-terminal: failed/);
  });

  test('generation fails when a terminal state has a transition out of it', () => {
    const document = specWith((copy) => {
      knownState(copy)['x-transitions'].push({ from: 'failed', to: 'running', reason: 'retried' });
    });
    expect(() => terminalStates(document)).toThrow(/transitions out of them.*: failed/);
  });

  test('generation fails when a live state loses its last transition out', () => {
    const document = specWith((copy) => {
      const known = knownState(copy);
      known['x-transitions'] = known['x-transitions'].filter((t: any) => t.from !== 'idle');
    });
    expect(() => terminalStates(document)).toThrow(/missing from x-terminal: idle/);
  });

  test('generation fails on a transition from or to a state the spec does not define', () => {
    const document = specWith((copy) => {
      knownState(copy)['x-transitions'].push({ from: 'archived', to: 'queued', reason: 'x' });
    });
    expect(() => terminalStates(document)).toThrow(/x-transitions names states .*: archived/);
    const into = specWith((copy) => {
      knownState(copy)['x-transitions'].push({ from: 'idle', to: 'asleep', reason: 'x' });
    });
    expect(() => terminalStates(into)).toThrow(/x-transitions names states .*: asleep/);
  });

  test('generation fails on a terminal state the spec does not define, or no list at all', () => {
    const unknown = specWith((copy) => {
      knownState(copy)['x-terminal'].push('archived');
    });
    expect(() => terminalStates(unknown)).toThrow(/KnownSessionState lacks: archived/);
    const none = specWith((copy) => {
      delete knownState(copy)['x-terminal'];
    });
    expect(() => terminalStates(none)).toThrow(/no x-terminal list/);
  });
});

describe("the event payload map comes from KnownEvent's discriminator", () => {
  test('it names a payload schema for every known event type, in the spec order', () => {
    const entries: [string, string][] = eventDataSchemaNames(spec);
    expect(entries.map(([type]) => type)).toEqual([...KNOWN_EVENT_TYPES]);
    expect(entries).toContainEqual(['answer', 'AnswerData']);
  });

  test('generation fails when a known event type has no mapping', () => {
    const document = specWith((copy) => {
      copy.components.schemas.KnownEventType.enum.push('heartbeat');
    });
    expect(() => eventDataSchemaNames(document)).toThrow(/missing: heartbeat/);
  });

  test('generation fails when the mapping names a type the spec does not define', () => {
    const document = specWith((copy) => {
      copy.components.schemas.KnownEvent.discriminator.mapping.heartbeat =
        '#/components/schemas/AnswerEvent';
    });
    expect(() => eventDataSchemaNames(document)).toThrow(/not a known type: heartbeat/);
  });

  test("generation fails when a mapped event's type const is another type", () => {
    const document = specWith((copy) => {
      const { mapping } = copy.components.schemas.KnownEvent.discriminator;
      mapping.thought = mapping.answer;
    });
    expect(() => eventDataSchemaNames(document)).toThrow(
      /AnswerEvent is not the event of type thought/,
    );
  });

  test('generation fails when an event schema is missing from the oneOf', () => {
    const document = specWith((copy) => {
      const known = copy.components.schemas.KnownEvent;
      known.oneOf = known.oneOf.filter((m: any) => !m.$ref.endsWith('/ErrorEvent'));
    });
    expect(() => eventDataSchemaNames(document)).toThrow(
      /oneOf lacks .*ErrorEvent, mapped from error/,
    );
  });

  test('generation fails when the oneOf has a member no known type maps to', () => {
    const document = specWith((copy) => {
      copy.components.schemas.KnownEvent.oneOf.push({ $ref: '#/components/schemas/Event' });
    });
    expect(() => eventDataSchemaNames(document)).toThrow(/oneOf has members no known type maps to/);
  });

  test('generation fails when a mapped schema is missing or names no payload schema', () => {
    const missing = specWith((copy) => {
      delete copy.components.schemas.ThoughtEvent;
    });
    expect(() => eventDataSchemaNames(missing)).toThrow(
      /ThoughtEvent is not the event of type thought/,
    );
    const noData = specWith((copy) => {
      const part = copy.components.schemas.ThoughtEvent.allOf.find((m: any) => m.properties);
      part.properties.data = { type: 'object' };
    });
    expect(() => eventDataSchemaNames(noData)).toThrow(/ThoughtEvent names no data schema/);
  });
});
