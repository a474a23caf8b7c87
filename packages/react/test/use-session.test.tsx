import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  AgentSessionsProvider,
  BadRequestError,
  NotFoundError,
  type SavedSession,
  type UseSessionResult,
} from '../src/index.ts';
import {
  type MockServerRef,
  mockServerForFile,
  parkedPolls,
  storedSession,
  trackedClient,
} from './mock-servers.ts';
import { Probe } from './probe.tsx';
import { render } from './render.tsx';

// The virtual clock jumps ahead whenever the session is waited on: sessions run to their end.
const live = mockServerForFile();
// The clock moves only when a test advances it: the session waits between steps.
const manual = mockServerForFile({ autoAdvance: false });
const DAY_MS = 24 * 60 * 60 * 1000;

const shownIndexes = (container: HTMLElement) =>
  [...container.querySelectorAll('li')].map((row) => Number(row.dataset.index));
const shownState = (container: HTMLElement) =>
  container.querySelector('section')?.dataset.state ?? 'none';
const isDone = (container: HTMLElement) =>
  container.querySelector('section')?.dataset.done === 'true';
const indexesOf = (events: readonly { index: number }[]) => events.map((event) => event.index);

/** A saved snapshot of a session with no event seen yet. */
const savedOf = (id: string): SavedSession => ({
  id,
  turn: 0,
  step_count: 0,
  usage: { input_tokens: 0, output_tokens: 0, total_tokens: 0 },
  events: [],
  cursor: 0,
  event_count: 0,
  answer: null,
  done: false,
});

async function startSession(server: MockServerRef, scenario: string) {
  const { client } = trackedClient(server);
  const handle = await client.sessions.start({ input: 'x', metadata: { scenario } });
  return handle.id;
}

/** Advances the manual clock `ms` at a time until `container` shows the session done. */
async function playToEnd(container: HTMLElement, ms = 31_000) {
  while (!isDone(container)) {
    const before = shownIndexes(container).length;
    await manual.control.clock.advance(ms);
    await expect
      .poll(() => isDone(container) || shownIndexes(container).length > before)
      .toBe(true);
  }
}

describe('useSession', () => {
  test('follows a session to its end: the last render shows the server log, state, steps, usage and answer', async () => {
    const id = await startSession(live, 'delegation');
    const { client } = trackedClient(live);
    const seen: UseSessionResult[] = [];
    const { container } = render(<Probe id={id} options={{ client }} seen={seen} />);
    expect(seen[0]).toMatchObject({ id, state: undefined, events: [], done: false });

    await expect.poll(() => isDone(container)).toBe(true);
    const server = await storedSession(live, id);
    expect(shownIndexes(container)).toEqual(indexesOf(server.events));
    const last = seen.at(-1)!;
    expect(last.events).toEqual(server.events);
    expect(last).toMatchObject({
      id,
      state: 'completed',
      turn: server.session.turn,
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      cursor: server.events.length,
      event_count: server.events.length,
      error: undefined,
      done: true,
    });
    expect(last.session?.id).toBe(id);
    expect(Object.isFrozen(last)).toBe(true);
  });

  test("StrictMode's double mount neither loses nor repeats an event, and leaves one request", async () => {
    const id = await startSession(manual, 'slow');
    const { client } = trackedClient(manual);
    const called: number[] = [];
    const { container } = render(
      <Probe id={id} options={{ client, onEvent: (event) => called.push(event.index) }} />,
      { strict: true },
    );
    await expect.poll(() => shownState(container)).toBe('queued');
    // Mount, unmount, mount: the first watch's request was released, one poll is left.
    await expect.poll(() => parkedPolls(manual)).toBe(1);

    await playToEnd(container);
    const server = indexesOf((await storedSession(manual, id)).events);
    expect(server.length).toBeGreaterThan(20);
    expect(shownIndexes(container)).toEqual(server);
    expect(called).toEqual(server);
  });

  test('a session followed to its end in StrictMode: every event once (live clock)', async () => {
    const id = await startSession(live, 'delegation');
    const { client } = trackedClient(live);
    const called: number[] = [];
    const { container } = render(
      <Probe id={id} options={{ client, onEvent: (event) => called.push(event.index) }} />,
      { strict: true },
    );
    await expect.poll(() => isDone(container)).toBe(true);
    const server = indexesOf((await storedSession(live, id)).events);
    expect(shownIndexes(container)).toEqual(server);
    expect(called).toEqual(server);
  });

  test('unmounting mid-watch releases the request: no poll stays parked', async () => {
    const id = await startSession(manual, 'slow');
    const { client } = trackedClient(manual);
    const { container, unmount } = render(<Probe id={id} options={{ client }} />);
    await expect.poll(() => shownState(container)).toBe('queued');
    await expect.poll(() => parkedPolls(manual)).toBe(1);
    unmount();
    await expect.poll(() => parkedPolls(manual)).toBe(0);
  });

  test('a new id starts over on the new session and releases the old request', async () => {
    const first = await startSession(manual, 'slow');
    const second = await startSession(manual, 'slow');
    const { client } = trackedClient(manual);
    const seen: UseSessionResult[] = [];
    const { container, rerender } = render(<Probe id={first} options={{ client }} seen={seen} />);
    await expect.poll(() => parkedPolls(manual)).toBe(1);
    rerender(<Probe id={second} options={{ client }} seen={seen} />);
    await expect.poll(() => seen.at(-1)?.id).toBe(second);
    await expect.poll(() => shownState(container)).toBe('queued');
    await expect.poll(() => parkedPolls(manual)).toBe(1);
    rerender(<Probe id={null} options={{ client }} seen={seen} />);
    await expect.poll(() => parkedPolls(manual)).toBe(0);
    expect(seen.at(-1)).toMatchObject({ id: undefined, session: undefined, events: [] });
  });

  test('a new handle object for the same id, or a new throttleMs, keeps the store and the result', async () => {
    const id = await startSession(live, 'short-answer');
    const { client, requests } = trackedClient(live);
    const seen: UseSessionResult[] = [];
    const { container, rerender } = render(<Probe id={client.sessions.get(id)} seen={seen} />);
    await expect.poll(() => isDone(container)).toBe(true);
    const made = requests.length;
    const rendered = seen.length;
    // A new handle, and a new throttle: the same store, nothing asked again.
    rerender(<Probe id={client.sessions.get(id)} options={{ throttleMs: 50 }} seen={seen} />);
    await expect.poll(() => seen.length).toBeGreaterThan(rendered);
    expect(isDone(container)).toBe(true);
    expect(seen.at(-1)).toBe(seen[rendered - 1]);
    expect(requests.length).toBe(made);
  });

  test('status-only mode polls status() at its interval and never asks for events', async () => {
    const id = await startSession(manual, 'short-answer');
    const { client, requests } = trackedClient(manual);
    const answers: string[] = [];
    const seen: UseSessionResult[] = [];
    const { container } = render(
      <Probe
        id={id}
        seen={seen}
        options={{
          client,
          mode: 'status',
          pollIntervalMs: 20,
          onAnswer: (answer) => answers.push(answer),
        }}
      />,
    );
    await expect.poll(() => shownState(container)).toBe('queued');
    await manual.control.clock.advance(DAY_MS);
    await expect.poll(() => isDone(container)).toBe(true);

    const server = await storedSession(manual, id);
    expect(seen.at(-1)).toMatchObject({
      state: 'completed',
      step_count: server.session.step_count,
      usage: server.session.usage,
      answer: server.session.answer,
      events: [],
    });
    expect(answers).toEqual([server.session.answer]);
    expect(requests.length).toBeGreaterThan(0);
    expect(
      requests.every(({ method, path }) => method === 'GET' && path === `/v1/sessions/${id}`),
    ).toBe(true);
    expect(await parkedPolls(manual)).toBe(0);
  });

  test('callbacks: onEvent once per event in order, onAnswer with the answer, not throttled', async () => {
    const id = await startSession(live, 'delegation');
    const { client } = trackedClient(live);
    const events: number[] = [];
    const answers: string[] = [];
    const seen: UseSessionResult[] = [];
    const { container } = render(
      <Probe
        id={id}
        seen={seen}
        options={{
          client,
          // Renders wait a minute: the first change and the end render, nothing between.
          throttleMs: 60_000,
          onEvent: (event) => events.push(event.index),
          onAnswer: (answer) => answers.push(answer),
        }}
      />,
    );
    await expect.poll(() => isDone(container)).toBe(true);
    const server = await storedSession(live, id);
    expect(events).toEqual(indexesOf(server.events));
    expect(answers).toEqual([server.session.answer]);
    expect(shownIndexes(container)).toEqual(indexesOf(server.events));
    expect(server.events.length).toBeGreaterThan(10);
    expect(seen.length).toBeLessThanOrEqual(3);
  });

  test('throttleMs: the latest change renders at the end of the window, without waiting for the end', async () => {
    const id = await startSession(manual, 'slow');
    const { client } = trackedClient(manual);
    const { container } = render(<Probe id={id} options={{ client, throttleMs: 1500 }} />);
    // The first change renders at once and opens the window; what comes next falls inside it.
    await expect.poll(() => shownState(container)).toBe('queued');
    // Two steps in, the session still running.
    await manual.control.clock.advance(62_000);
    const server = indexesOf((await storedSession(manual, id)).events);
    await expect.poll(() => shownIndexes(container)).toEqual(server);
    expect(isDone(container)).toBe(false);
  });

  test('maxEvents keeps the newest events; event_count and cursor count them all', async () => {
    const id = await startSession(live, 'delegation');
    const { client } = trackedClient(live);
    const seen: UseSessionResult[] = [];
    const { container } = render(<Probe id={id} seen={seen} options={{ client, maxEvents: 5 }} />);
    await expect.poll(() => isDone(container)).toBe(true);
    const server = indexesOf((await storedSession(live, id)).events);
    expect(shownIndexes(container)).toEqual(server.slice(-5));
    expect(seen.at(-1)).toMatchObject({ event_count: server.length, cursor: server.length });
  });

  test.each(['events', 'status'] as const)(
    'onError is called once with the typed error, which the snapshot carries too (%s mode)',
    async (mode) => {
      const { client } = trackedClient(live);
      const errors: Error[] = [];
      const seen: UseSessionResult[] = [];
      const { container } = render(
        <Probe
          id="ses_never_was"
          seen={seen}
          options={{ client, mode, onError: (error) => errors.push(error) }}
        />,
        { strict: true },
      );
      await expect.poll(() => isDone(container)).toBe(true);
      expect(errors).toHaveLength(1);
      expect(NotFoundError.is(errors[0])).toBe(true);
      expect(seen.at(-1)?.error).toBe(errors[0]);
    },
  );

  test('resumes from a saved snapshot: shows it at once, carries on from its cursor, no event twice', async () => {
    const id = await startSession(manual, 'slow');
    const first = trackedClient(manual);
    const seen: UseSessionResult[] = [];
    const before = render(<Probe id={id} options={{ client: first.client }} seen={seen} />);
    await manual.control.clock.advance(40_000);
    await expect.poll(() => shownIndexes(before.container).length).toBeGreaterThan(4);
    const saved: SavedSession = JSON.parse(JSON.stringify(seen.at(-1)!.save()));
    before.unmount();
    await expect.poll(() => parkedPolls(manual)).toBe(0);

    const { client, requests } = trackedClient(manual);
    const called: number[] = [];
    const resumed: UseSessionResult[] = [];
    const { container } = render(
      <Probe
        id={id}
        seen={resumed}
        options={{ client, initial: saved, onEvent: (event) => called.push(event.index) }}
      />,
    );
    // The first render is the saved snapshot, before any request.
    expect(indexesOf(resumed[0]!.events)).toEqual(indexesOf(saved.events));
    expect(resumed[0]).toMatchObject({ state: saved.state, cursor: saved.cursor });
    await playToEnd(container);

    const server = indexesOf((await storedSession(manual, id)).events);
    expect(shownIndexes(container)).toEqual(server);
    expect(called).toEqual(server.slice(saved.cursor));
    expect(requests.some(({ path }) => path.includes(`from=${saved.cursor}`))).toBe(true);
    expect(requests.some(({ path }) => /from=0\b/.test(path))).toBe(false);
  });

  test('a server render makes no request; the page hydrates from it, then watches', async () => {
    const id = await startSession(manual, 'slow');
    const first = trackedClient(manual);
    const seen: UseSessionResult[] = [];
    const earlier = render(<Probe id={id} options={{ client: first.client }} seen={seen} />);
    await manual.control.clock.advance(40_000);
    await expect.poll(() => shownIndexes(earlier.container).length).toBeGreaterThan(4);
    const saved: SavedSession = JSON.parse(JSON.stringify(seen.at(-1)!.save()));
    earlier.unmount();

    const { client, requests } = trackedClient(manual);
    const page = () => (
      <AgentSessionsProvider client={client}>
        <Probe id={id} options={{ initial: saved }} />
      </AgentSessionsProvider>
    );
    const html = renderToString(page());
    expect(requests).toEqual([]);
    const container = document.createElement('div');
    container.innerHTML = html;
    expect(shownIndexes(container)).toEqual(indexesOf(saved.events));
    document.body.append(container);
    const recoverable: unknown[] = [];
    const root = hydrateRoot(container, page(), {
      onRecoverableError: (error) => recoverable.push(error),
    });
    onTestFinished(() => {
      root.unmount();
      container.remove();
    });
    await expect.poll(() => parkedPolls(manual)).toBe(1);
    await playToEnd(container);
    const server = indexesOf((await storedSession(manual, id)).events);
    expect(shownIndexes(container)).toEqual(server);
    // A hydration mismatch is reported here (React then renders the page again on the client).
    expect(recoverable).toEqual([]);
  });

  test('enabled: false makes no request and shows the initial snapshot; true carries on', async () => {
    const id = await startSession(live, 'short-answer');
    const other = await startSession(live, 'short-answer');
    const { client, requests } = trackedClient(live);
    const page = (enabled: boolean) => (
      <>
        <Probe id={id} options={{ client, enabled }} />
        <Probe id={other} options={{ client }} />
      </>
    );
    const { container, rerender } = render(page(false));
    // Both subscribed in the same commit: once the enabled one asked, the other did not.
    await expect
      .poll(() => requests.some(({ path }) => path.startsWith(`/v1/sessions/${other}`)))
      .toBe(true);
    expect(requests.filter(({ path }) => path.startsWith(`/v1/sessions/${id}`))).toEqual([]);
    expect(shownState(container.firstElementChild as HTMLElement)).toBe('none');

    rerender(page(true));
    const sections = () => [...container.querySelectorAll('section')];
    await expect
      .poll(() => sections().every((section) => section.dataset.done === 'true'))
      .toBe(true);
    expect(sections()[0]?.dataset.state).toBe('completed');
  });

  test('null is no session: an empty result and no request', async () => {
    const { client, requests } = trackedClient(live);
    const seen: UseSessionResult[] = [];
    render(<Probe id={null} options={{ client }} seen={seen} />);
    expect(seen.at(-1)).toMatchObject({
      id: undefined,
      session: undefined,
      state: undefined,
      events: [],
      answer: null,
      done: false,
    });
    expect(seen.at(-1)?.save()).toBeUndefined();
    expect(requests).toEqual([]);
  });

  test('an id without a client is refused with a BadRequestError naming the option', () => {
    const { errors } = render(<Probe id="ses_x" />);
    return expect
      .poll(() => errors.uncaught[0])
      .toSatisfy(
        (error) =>
          BadRequestError.is(error) && error.errors[0]?.path === 'useSession.options.client',
      );
  });

  test.each([
    [{ throttleMs: -1 }, 'useSession.options.throttleMs'],
    [{ throttleMs: Number.NaN }, 'useSession.options.throttleMs'],
    // Past what a timer can wait, setTimeout fires at once: no throttle at all.
    [{ throttleMs: 2 ** 31 }, 'useSession.options.throttleMs'],
    [{ mode: 'status' as const, pollIntervalMs: 2 ** 31 }, 'options.pollIntervalMs'],
    [{ mode: 'poll' as 'status' }, 'options.mode'],
    [{ pollIntervalMs: -5 }, 'options.pollIntervalMs'],
    [{ initial: { ...savedOf('ses_other') } }, 'options.initial.id'],
    // Refused when rendered, as the others are, not at the first request.
    [{ wait_s: Number.NaN }, 'options.wait_s'],
    [{ wait_s: -1 }, 'options.wait_s'],
    [{ wait_s: 1e9 }, 'options.wait_s'],
    [{ wait_s: 1.5 }, 'options.wait_s'],
    [{ client: {} as never }, 'useSession.options.client'],
    [{ client: { sessions: {} } as never }, 'useSession.options.client'],
  ])('bad options are refused with a BadRequestError naming the option: %o', (options, path) => {
    const { client } = trackedClient(live);
    const { errors } = render(<Probe id="ses_mine" options={{ client, ...options }} />);
    return expect
      .poll(() => errors.uncaught[0])
      .toSatisfy((error) => BadRequestError.is(error) && error.errors[0]?.path === path);
  });

  test.each(['../x', 'ses 1', 'a'.repeat(101)])(
    'an id the API cannot have (%s) is refused naming sessionOrId and the pattern, not "a valid regex"',
    (id) => {
      const { client, requests } = trackedClient(live);
      const { errors } = render(<Probe id={id} options={{ client }} />);
      return expect
        .poll(() => errors.uncaught[0])
        .toSatisfy(
          (error) =>
            BadRequestError.is(error) &&
            error.errors[0]?.path === 'useSession.sessionOrId' &&
            !error.message.includes('valid regex') &&
            requests.length === 0,
        );
    },
  );

  test('the provider gives useSession(id) its client; the handle steers the session', async () => {
    const id = await startSession(manual, 'slow');
    const { client } = trackedClient(manual);
    const seen: UseSessionResult[] = [];
    const { container } = render(
      <AgentSessionsProvider client={client}>
        <Probe id={id} seen={seen} />
      </AgentSessionsProvider>,
    );
    await manual.control.clock.advance(5_000);
    await expect.poll(() => shownState(container)).toBe('running');
    await seen.at(-1)!.session!.pause();
    await expect.poll(() => shownState(container)).toBe('paused');
    await seen.at(-1)!.session!.cancel();
    await expect.poll(() => shownState(container)).toBe('interrupted');
  });
});
