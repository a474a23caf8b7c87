import { type Fixture, scenarios } from '@agent-sessions/mock-server';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../../scripts/chromium.mjs';
import { launchPlayground, type Playground } from '../scripts/launch';

// End to end: the page in headless Chromium (Debian's, browsers cannot be downloaded here),
// the real mock server over HTTP, on a virtual clock that moves only when the test says so:
// every wait below is for something on the page, never for time to pass.

// Every run takes the screenshots; only `UPDATE_SCREENSHOTS=1` replaces the committed ones
// (a run's pictures differ in ports and animation frames, so they would churn the tree).
const SCREENSHOTS = new URL(
  process.env.UPDATE_SCREENSHOTS ? '../screenshots/' : '../test-results/',
  import.meta.url,
);

/** A scenario whose stream carries an event type this page has never heard of. */
const futureEvents: Fixture = {
  ...scenarios['short-answer'],
  name: 'future-events',
  description: 'A newer server: an event type this page does not know.',
  turns: [
    {
      steps: [
        {
          delay_ms: 100,
          duration_ms: 1000,
          usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 },
          events: [
            {
              at_ms: 500,
              type: 'plan_updated',
              agent: { id: 'main', parent_id: null },
              data: { plan: ['read', 'answer'], revision: 2 },
            },
          ],
        },
      ],
      end: { answer: 'Done, with a plan.' },
    },
  ],
};

/** How long (virtual ms) a turn of a fixture plays, start to answer. */
const turnMs = (fixture: Fixture, turn: number) =>
  fixture.turns[turn]!.steps.reduce((sum, step) => sum + step.delay_ms + step.duration_ms, 0);

let playground: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  playground = await launchPlayground({
    mock: { clock: 'virtual', autoAdvance: false },
    fixtures: [...Object.values(scenarios), futureEvents],
  });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await playground?.close();
});

beforeEach(async () => {
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(playground.url);
});

// Closing the page ends its watch (its parked long-poll) before the next case starts.
afterEach(() => page.close());

/** Waits until what `read` reads from `locator` passes the assertion chained onto it. */
const until = <T>(locator: Locator, read: (locator: Locator) => Promise<T>) =>
  expect.poll(() => read(locator), { timeout: 15_000 });

const advance = (ms: number) => playground.mock.clock.advance(ms);
const state = () => page.locator('#state');
const stream = () => page.locator('#events');
const chat = () => page.locator('#chat');
/** The indexes of the events the page shows, top to bottom. */
const shownIndexes = () =>
  stream()
    .locator('.event')
    .evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.index)));

async function startSession(scenario: string, input: string) {
  await page.locator('#scenario').selectOption(scenario);
  await page.locator('#input').fill(input);
  await page.getByRole('button', { name: 'Start session' }).click();
  await until(state(), (l) => l.textContent()).toEqual('queued');
}

describe('the playground page', () => {
  test('starts a slow session, pauses, resumes, steers it and forces an answer', async () => {
    const [first, second, third] = scenarios.slow.turns[0]!.steps;
    await startSession('slow', 'Is the evidence for the claim convincing?');
    const pause = page.getByRole('button', { name: 'Pause' });
    const resume = page.getByRole('button', { name: 'Resume' });

    advance(first!.delay_ms + first!.events[0]!.at_ms);
    await until(state(), (l) => l.textContent()).toEqual('running');
    await until(stream(), (l) => l.textContent()).toContain('Slow step 1: reading source 1 of 8.');
    await until(resume, (l) => l.isDisabled()).toBe(true);

    await pause.click();
    await until(state(), (l) => l.textContent()).toEqual('paused');
    await until(pause, (l) => l.isDisabled()).toBe(true);
    await resume.click();
    await until(state(), (l) => l.textContent()).toEqual('running');
    await until(resume, (l) => l.isDisabled()).toBe(true);

    // A message to a running session is picked up at the next step boundary.
    await page.getByLabel('Message').fill('Only count peer-reviewed sources.');
    await page.getByRole('button', { name: 'Send' }).click();
    await until(page.getByLabel('Message'), (l) => l.inputValue()).toBe('');
    await until(page.locator('#notice'), (l) => l.textContent()).toContain('Message sent');
    advance(first!.duration_ms - first!.events[0]!.at_ms + second!.delay_ms);
    const message = stream().locator('.event[data-type="message_received"]');
    await until(message.last(), (l) => l.textContent()).toContain(
      'Only count peer-reviewed sources.',
    );
    await until(chat().locator('.bubble.user').last(), (l) => l.textContent()).toEqual(
      'Only count peer-reviewed sources.',
    );
    // Steps started: the second one is under way.
    await until(page.locator('#steps'), (l) => l.textContent()).toEqual('2');

    // Forced: at the next step boundary the agent takes one short step and answers.
    await page.getByRole('button', { name: 'Force answer' }).click();
    await until(page.locator('#notice'), (l) => l.textContent()).toContain('Answer requested');
    advance(second!.duration_ms + third!.delay_ms + scenarios.slow.forced.duration_ms);
    const answer = chat().locator('.bubble.answer');
    await until(answer, (l) => l.textContent()).toContain(scenarios.slow.forced.answer);
    await until(answer.locator('.marker'), (l) => l.textContent()).toEqual('forced');
    await until(stream().locator('.kind-answer .marker'), (l) => l.textContent()).toEqual('forced');
    await until(state(), (l) => l.textContent()).toEqual('completed');
    await until(page.locator('#steps'), (l) => l.textContent()).toEqual('3');
    for (const name of ['Pause', 'Resume', 'Force answer', 'Cancel', 'Send'])
      await until(page.getByRole('button', { name }), (l) => l.isDisabled()).toBe(true);

    await page.screenshot({ path: new URL('playground.png', SCREENSHOTS).pathname });
    await page.setViewportSize({ width: 380, height: 800 });
    await page.screenshot({
      path: new URL('playground-narrow.png', SCREENSHOTS).pathname,
      fullPage: true,
    });
    // Nothing sticks out sideways at 380 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      380,
    );
  });

  test('cancels a running session', async () => {
    await startSession('slow', 'Cancel me.');
    advance(scenarios.slow.turns[0]!.steps[0]!.delay_ms);
    await until(state(), (l) => l.textContent()).toEqual('running');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await until(state(), (l) => l.textContent()).toEqual('interrupted');
    await until(chat(), (l) => l.textContent()).toContain('Cancelled.');
    await until(page.getByLabel('Message'), (l) => l.isDisabled()).toBe(true);
  });

  test('shows subagents in their own lanes, nested under the agent that started them', async () => {
    await startSession('delegation', 'Compare the two libraries.');
    advance(turnMs(scenarios.delegation, 0));
    await until(state(), (l) => l.textContent()).toEqual('completed');
    const lanes = await stream()
      .locator('.event')
      .evaluateAll((rows) =>
        rows.map((row) => ({
          agent: (row as HTMLElement).dataset.agent,
          depth: (row as HTMLElement).style.getPropertyValue('--depth'),
          lane: [...row.classList].find((name) => name.startsWith('lane-')),
        })),
      );
    const laneOf = (agent: string) => lanes.find((row) => row.agent === agent);
    expect(laneOf('main')).toEqual({ agent: 'main', depth: '0', lane: 'lane-0' });
    expect(laneOf('researcher_1')).toMatchObject({ depth: '1' });
    expect(laneOf('researcher_2')).toMatchObject({ depth: '1' });
    expect(new Set(lanes.map((row) => row.lane)).size).toBe(3);
    // Every row of an agent sits in that agent's lane.
    for (const row of lanes) expect(row).toEqual(laneOf(row.agent!));
    await page.screenshot({ path: new URL('playground-delegation.png', SCREENSHOTS).pathname });
  });

  test('holds a multi-turn conversation while the session is idle', async () => {
    await page.locator('#scenario').selectOption('conversation');
    expect(await page.locator('#idle-timeout').inputValue()).not.toBe('0');
    await startSession('conversation', 'Help me plan a trip to Lisbon.');
    advance(turnMs(scenarios.conversation, 0));
    await until(state(), (l) => l.textContent()).toEqual('idle');
    const answers = chat().locator('.bubble.answer');
    await until(answers, (l) => l.count()).toBe(1);
    await until(page.getByLabel('Message'), (l) => l.getAttribute('placeholder')).toMatch(
      /next turn/,
    );

    await page.getByLabel('Message').fill('Three days in May; food and history.');
    await page.getByRole('button', { name: 'Send' }).click();
    await until(state(), (l) => l.textContent()).toEqual('running');
    await until(page.locator('#turn'), (l) => l.textContent()).toEqual('2');
    advance(turnMs(scenarios.conversation, 1));
    await until(state(), (l) => l.textContent()).toEqual('idle');
    await until(answers, (l) => l.count()).toBe(2);
    await until(chat().locator('.bubble'), (l) => l.allTextContents()).toEqual([
      'Help me plan a trip to Lisbon.',
      (scenarios.conversation.turns[0]!.end as { answer: string }).answer,
      'Three days in May; food and history.',
      (scenarios.conversation.turns[1]!.end as { answer: string }).answer,
    ]);
  });

  test('keeps its session across a reload: the stream goes on, no event missing or shown twice', async () => {
    const steps = scenarios.slow.turns[0]!.steps;
    await startSession('slow', 'Survive a reload.');
    advance(steps[0]!.delay_ms + steps[0]!.duration_ms + steps[1]!.delay_ms);
    const rows = stream().locator('.event');
    await until(page.locator('#steps'), (l) => l.textContent()).toEqual('2');
    const id = await page.locator('#session-id').textContent();
    const before = await shownIndexes();
    expect(before.length).toBeGreaterThan(4);

    // What the reloaded page asks the server for: each event read again would show here.
    const froms: number[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.endsWith('/changes')) froms.push(Number(url.searchParams.get('from')));
    });
    await page.reload();
    // The saved snapshot shows at once, then the watch carries on from its cursor.
    await until(page.locator('#session-id'), (l) => l.textContent()).toEqual(id);
    expect((await shownIndexes()).slice(0, before.length)).toEqual(before);
    await expect.poll(() => froms.length).toBeGreaterThan(0);
    expect(Math.min(...froms)).toBeGreaterThanOrEqual(before.length);
    await until(state(), (l) => l.textContent()).toEqual('running');
    await expect.poll(() => playground.mock.stats().parked, { timeout: 15_000 }).toBe(1);
    advance(steps[1]!.duration_ms + steps[2]!.delay_ms);
    await until(page.locator('#steps'), (l) => l.textContent()).toEqual('3');

    await page.reload();
    await until(page.locator('#session-id'), (l) => l.textContent()).toEqual(id);
    advance(turnMs(scenarios.slow, 0));
    await until(state(), (l) => l.textContent()).toEqual('completed');
    const server = playground.mock.sessions.get(id!)!.events.map((event) => event.index);
    await until(rows, (l) => l.count()).toBe(server.length);
    expect(await shownIndexes()).toEqual(server);
    await until(chat().locator('.bubble.answer'), (l) => l.textContent()).toEqual(
      (scenarios.slow.turns[0]!.end as { answer: string }).answer,
    );
  });

  test('a new tab starts afresh: the saved session belongs to the tab that ran it', async () => {
    await startSession('slow', 'Only in this tab.');
    const other = await browser.newPage();
    try {
      await other.goto(playground.url);
      await until(other.locator('#state'), (l) => l.textContent()).toEqual('no session');
      expect(await other.locator('#events .event').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  test('shows an event type it does not know as it came, and goes on', async () => {
    await startSession('future-events', 'Plan it.');
    advance(turnMs(futureEvents, 0));
    await until(state(), (l) => l.textContent()).toEqual('completed');
    const unknown = stream().locator('.kind-unknown');
    await until(unknown, (l) => l.textContent()).toContain('plan_updated');
    await until(unknown, (l) => l.textContent()).toContain(
      '{"plan":["read","answer"],"revision":2}',
    );
    await until(chat().locator('.bubble.answer'), (l) => l.textContent()).toEqual(
      'Done, with a plan.',
    );
  });
});
