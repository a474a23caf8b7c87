import {
  type EventPage,
  isTerminal,
  type Session,
  type SessionEvent,
  type Usage,
} from '@agent-sessions/protocol';
import {
  FIXTURE_FORMAT,
  FIXTURE_VERSION,
  type Fixture,
  type FixtureStep,
  type FixtureTurn,
  parseFixture,
} from './fixture.js';

/** What {@link recordSession} reads, and how to name the fixture it writes. */
export interface RecordOptions {
  /** The server's base URL, e.g. `https://api.example.com` or `server.url`. */
  baseUrl: string;
  /** The id of a finished (terminal) session. */
  sessionId: string;
  /** The API key, sent as `Authorization: Bearer <apiKey>`. */
  apiKey: string;
  /** The fixture's (scenario's) name. Default: `recorded-<sessionId>` in lower case. */
  name?: string;
  /** Default: `Recorded from session <id>.` */
  description?: string;
  /** The fetch to use. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

const ZERO_USAGE: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
// Emitted by the server around the agent's own events: the fixture's structure stands for them.
const STRUCTURAL = new Set([
  'state_changed',
  'message_received',
  'message_dropped',
  'step_started',
  'step_finished',
]);

const ms = (event: SessionEvent) => Date.parse(event.created_at);

/**
 * Turns the event log of a finished session into a {@link Fixture}: steps with their relative
 * timings, each turn's answer or error, and (when the session was forced) the forced answer.
 * User messages are inputs, not recorded behaviour; an unfinished last turn is dropped.
 */
export function fixtureFromEvents(
  events: SessionEvent[],
  name: string,
  description: string,
): Fixture {
  const turns: FixtureTurn[] = [];
  let forced: Fixture['forced'] | undefined;
  let steps: FixtureStep[] = [];
  let step: FixtureStep | undefined;
  let stepStart = 0;
  let boundary = events[0] ? ms(events[0]) : 0;
  for (const event of events) {
    const at = ms(event);
    const data = event.data as Record<string, unknown>;
    if (event.type === 'message_received' && !step && steps.length === 0) boundary = at;
    if (event.type === 'step_started') {
      step = { delay_ms: at - boundary, duration_ms: 0, usage: ZERO_USAGE, events: [] };
      stepStart = at;
    } else if (event.type === 'step_finished' && step) {
      step.duration_ms = at - stepStart;
      step.usage = { ...(data.usage as Usage) };
      steps.push(step);
      step = undefined;
      boundary = at;
    } else if (event.type === 'answer' || event.type === 'error') {
      const end: FixtureTurn['end'] =
        event.type === 'answer'
          ? { answer: String(data.content) }
          : { error: { code: String(data.code), message: String(data.message) } };
      const last = steps[steps.length - 1];
      if (event.type === 'answer' && data.forced === true && last) {
        forced = { duration_ms: last.duration_ms, usage: last.usage, answer: String(data.content) };
      }
      if (steps.length > 0) turns.push({ steps, end });
      steps = [];
      boundary = at;
    } else if (!STRUCTURAL.has(event.type)) {
      const host = step ?? steps[steps.length - 1];
      if (!host) continue;
      const start = step ? stepStart : at - host.duration_ms;
      host.events.push({
        at_ms: Math.max(0, at - start),
        type: event.type,
        agent: event.agent,
        data,
      });
    }
  }
  if (turns.length === 0) {
    throw new Error(`Cannot record session: it has no finished turn (no answer or error event).`);
  }
  const lastEnd = turns[turns.length - 1]!.end;
  return parseFixture(
    {
      format: FIXTURE_FORMAT,
      version: FIXTURE_VERSION,
      name,
      description,
      forced: forced ?? {
        duration_ms: 1000,
        usage: ZERO_USAGE,
        answer: 'answer' in lastEnd ? lastEnd.answer : 'No answer.',
      },
      turns,
    },
    `recording of ${name}`,
  );
}

/**
 * Records a finished session of any server that implements the API (the hosted service or
 * this mock) as a fixture. Pass the result to `stringifyFixture` to write the file.
 *
 * @example
 * const fixture = await recordSession({ baseUrl: server.url, sessionId, apiKey: 'test-key' });
 * await writeFile('fixtures/my-run.json', stringifyFixture(fixture));
 */
export async function recordSession(options: RecordOptions): Promise<Fixture> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = `${options.baseUrl.replace(/\/+$/, '')}/v1/sessions/${encodeURIComponent(options.sessionId)}`;
  const get = async <T>(url: string): Promise<T> => {
    const response = await doFetch(url, { headers: { Authorization: `Bearer ${options.apiKey}` } });
    if (!response.ok) {
      throw new Error(
        `Recording failed with status ${response.status}: GET ${url}: ${await response.text()}`,
      );
    }
    return (await response.json()) as T;
  };
  const session = await get<Session>(base);
  if (!isTerminal(session.state)) {
    throw new Error(
      `Cannot record session ${options.sessionId}: it is ${session.state}, not finished.`,
    );
  }
  const events: SessionEvent[] = [];
  for (let from = 0, more = true; more; ) {
    const page = await get<EventPage>(`${base}/events?from=${from}&limit=500`);
    events.push(...page.data);
    from = page.next;
    more = page.has_more;
  }
  const name = options.name ?? `recorded-${options.sessionId.toLowerCase().replace(/_/g, '-')}`;
  return fixtureFromEvents(
    events,
    name,
    options.description ?? `Recorded from session ${options.sessionId}.`,
  );
}
