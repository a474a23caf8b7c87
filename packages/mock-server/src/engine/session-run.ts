/**
 * One session playing its fixture on the server's clock: its state machine, event log,
 * snapshots, and the controls (message, pause, resume, force answer, cancel).
 */
import type { Agent, Session, Usage, WireEvent } from '@agent-sessions/protocol';
import { isTerminal } from '@agent-sessions/protocol';
import { SessionStateError } from '../errors.js';
import type { Fixture, FixtureEvent, FixtureTurnEnd } from '../fixture/fixture.js';
import type { Clock } from './clock.js';

const MAIN_AGENT: Agent = { id: 'main', parent_id: null };

// A turn is played as a flat list of timed actions; `delay` is from the previous action.
type Action =
  | { kind: 'step_start'; delay: number }
  | { kind: 'event'; delay: number; event: FixtureEvent }
  | { kind: 'step_finish'; delay: number; usage: Usage }
  | { kind: 'end'; delay: number; end: FixtureTurnEnd; forced: boolean };

function turnActions(fixture: Fixture, turnIndex: number): Action[] {
  const turn = fixture.turns[Math.min(turnIndex, fixture.turns.length - 1)]!;
  const actions: Action[] = [];
  for (const step of turn.steps) {
    actions.push({ kind: 'step_start', delay: step.delay_ms });
    let offset = 0;
    for (const event of step.events) {
      actions.push({ kind: 'event', delay: event.at_ms - offset, event });
      offset = event.at_ms;
    }
    actions.push({ kind: 'step_finish', delay: step.duration_ms - offset, usage: step.usage });
  }
  actions.push({ kind: 'end', delay: 0, end: turn.end, forced: false });
  return actions;
}

function forcedActions(fixture: Fixture): Action[] {
  const { duration_ms, usage, answer } = fixture.forced;
  return [
    { kind: 'step_start', delay: 0 },
    { kind: 'step_finish', delay: duration_ms, usage },
    { kind: 'end', delay: 0, end: { answer }, forced: true },
  ];
}

interface PendingMessage {
  id: string;
  content: string;
}

/** What a new session is made from. */
export interface SessionInit {
  id: string;
  input: string;
  idleTimeoutS: number;
  metadata: Record<string, string>;
  fixture: Fixture;
  clock: Clock;
  /** Called after every appended event (the server wakes parked long-polls with it). */
  onEvent: (run: SessionRun) => void;
}

/**
 * One session: its state machine, event log and playback of its fixture on the server's
 * clock. Every state change is an event; controls throw {@link SessionStateError} when the
 * state forbids them.
 */
export class SessionRun {
  readonly id: string;
  readonly events: WireEvent[] = [];
  state: Session['state'] = 'queued';
  turn = 1;
  answer: string | null = null;
  readonly #init: SessionInit;
  readonly #createdAt: string;
  #updatedAt: string;
  #stepCount = 0;
  #usage: Usage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  #messageCount = 0;
  #fixtureTurn = 0;
  #actions: Action[];
  #pos = 0;
  #cancelTimer: (() => void) | undefined;
  #dueAt = 0;
  // While paused: how long was left before the next action.
  #remaining = 0;
  #pendingMessages: PendingMessage[] = [];
  // The frozen snapshot of the current version (every change appends an event, so the log's
  // length is the version): reading a status builds nothing.
  #wire: { version: number; value: Readonly<Session> } | undefined;
  #forceRequested = false;

  constructor(init: SessionInit) {
    this.#init = init;
    this.id = init.id;
    this.#createdAt = this.#updatedAt = new Date(init.clock.now()).toISOString();
    this.#actions = turnActions(init.fixture, 0);
    this.#changeState('queued', 'created');
    this.#receive({ id: this.#nextMessageId(), content: init.input });
    this.#scheduleNext(this.#actions[0]!.delay);
  }

  /**
   * The status snapshot as sent on the wire: frozen, and the same object until the session
   * changes, so a response renderer may cache its serialization.
   */
  wireSnapshot(): Readonly<Session> {
    if (this.#wire?.version !== this.events.length) {
      const value = this.snapshot();
      Object.freeze(value.usage);
      Object.freeze(value.metadata);
      this.#wire = { version: this.events.length, value: Object.freeze(value) };
    }
    return this.#wire.value;
  }

  /** The status snapshot (`Session` on the wire), a fresh copy. */
  snapshot(): Session {
    return {
      id: this.id,
      state: this.state,
      step_count: this.#stepCount,
      usage: { ...this.#usage },
      turn: this.turn,
      idle_timeout_s: this.#init.idleTimeoutS,
      answer: this.answer,
      created_at: this.#createdAt,
      updated_at: this.#updatedAt,
      metadata: { ...this.#init.metadata },
    };
  }

  get terminal(): boolean {
    return isTerminal(this.state);
  }

  /**
   * A message: wakes an idle session (next turn), resumes a paused one, else waits for the
   * next step. Returns the message's id (`msg_000002`), which its `message_received` event,
   * or a `message_dropped` event if the session ends first, names.
   */
  sendMessage(content: string): string {
    this.#refuseWhenTerminal('message');
    const message = { id: this.#nextMessageId(), content };
    if (this.state === 'idle') {
      this.#stopTimer();
      this.turn += 1;
      this.#receive(message);
      this.#changeState('running', 'message');
      this.#startTurn(this.#fixtureTurn + 1);
      return message.id;
    }
    this.#pendingMessages.push(message);
    if (this.state === 'paused') this.#resume('message');
    return message.id;
  }

  /** Halts playback where it is; a no-op when paused or idle. */
  pause(): void {
    this.#refuseWhenTerminal('pause');
    if (this.state !== 'running' && this.state !== 'queued') return;
    this.#remaining = Math.max(0, this.#dueAt - this.#init.clock.now());
    this.#stopTimer();
    this.#changeState('paused', 'paused');
  }

  /** Continues a paused session where it halted; a no-op otherwise. */
  resume(): void {
    this.#refuseWhenTerminal('resume');
    if (this.state === 'paused') this.#resume('resumed');
  }

  /** The agent answers at its next step boundary (`forced: true`); resumes a paused session. */
  forceAnswer(): void {
    this.#refuseWhenTerminal('force an answer for');
    if (this.state === 'idle') return;
    this.#forceRequested = true;
    if (this.state === 'paused') this.#resume('resumed');
  }

  /** Ends the session `interrupted`; idempotent on an interrupted session. */
  cancel(): void {
    if (this.state === 'interrupted') return;
    this.#refuseWhenTerminal('cancel');
    this.#stopTimer();
    this.#changeState('interrupted', 'cancelled');
  }

  /** Stops the session's timers (the server is closing). */
  stop(): void {
    this.#stopTimer();
  }

  #refuseWhenTerminal(operation: string): void {
    if (this.terminal) throw new SessionStateError(operation, this.state);
  }

  #resume(reason: string): void {
    this.#changeState('running', reason);
    this.#scheduleNext(this.#remaining);
  }

  #append(type: string, data: Record<string, unknown>, agent: Agent = MAIN_AGENT): void {
    this.#updatedAt = isoAt(this.#init.clock.now());
    this.events.push({
      index: this.events.length,
      type,
      created_at: this.#updatedAt,
      turn: this.turn,
      agent,
      data,
    } as WireEvent);
    this.#init.onEvent(this);
  }

  #changeState(to: Session['state'], reason: string): void {
    // A message accepted but never picked up is recorded as such, before the session ends.
    if (isTerminal(to)) {
      for (const message of this.#pendingMessages) {
        this.#append('message_dropped', { message_id: message.id, reason });
      }
      this.#pendingMessages = [];
    }
    const from = this.events.length === 0 ? null : this.state;
    this.state = to;
    this.#append('state_changed', { from, to, reason });
  }

  #nextMessageId(): string {
    this.#messageCount += 1;
    return `msg_${String(this.#messageCount).padStart(6, '0')}`;
  }

  #receive(message: PendingMessage): void {
    this.#append('message_received', { message_id: message.id, content: message.content });
  }

  #startTurn(fixtureTurn: number): void {
    this.#fixtureTurn = fixtureTurn;
    this.#actions = turnActions(this.#init.fixture, fixtureTurn);
    this.#pos = 0;
    this.#scheduleNext(this.#actions[0]!.delay);
  }

  #stopTimer(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
  }

  #scheduleNext(delay: number): void {
    this.#dueAt = this.#init.clock.now() + delay;
    this.#cancelTimer = this.#init.clock.schedule(this.#dueAt, () => {
      this.#cancelTimer = undefined;
      this.#runAction();
    });
  }

  // A step boundary: the agent reads new messages, and obeys a force-answer, before going on.
  #atBoundary(action: Action): Action {
    for (const message of this.#pendingMessages) this.#receive(message);
    const hadMessages = this.#pendingMessages.length > 0;
    this.#pendingMessages = [];
    if (this.#forceRequested) {
      this.#forceRequested = false;
      this.#actions = forcedActions(this.#init.fixture);
      this.#pos = 0;
      return this.#actions[0]!;
    }
    if (action.kind === 'end' && hadMessages) {
      // A message that arrived during the last step: the agent works on, with the next turn's steps.
      this.#fixtureTurn += 1;
      this.#actions = turnActions(this.#init.fixture, this.#fixtureTurn);
      this.#pos = 0;
      return this.#actions[0]!;
    }
    return action;
  }

  #runAction(): void {
    let action = this.#actions[this.#pos]!;
    if (action.kind === 'step_start' || action.kind === 'end') action = this.#atBoundary(action);
    switch (action.kind) {
      case 'step_start':
        if (this.state === 'queued') this.#changeState('running', 'started');
        this.#stepCount += 1;
        this.#append('step_started', { step: this.#stepCount });
        break;
      case 'event':
        this.#append(action.event.type, action.event.data, action.event.agent);
        break;
      case 'step_finish':
        this.#usage = {
          input_tokens: this.#usage.input_tokens + action.usage.input_tokens,
          output_tokens: this.#usage.output_tokens + action.usage.output_tokens,
          total_tokens: this.#usage.total_tokens + action.usage.total_tokens,
        };
        this.#append('step_finished', { step: this.#stepCount, usage: { ...action.usage } });
        break;
      case 'end':
        this.#endTurn(action.end, action.forced);
        return;
    }
    this.#pos += 1;
    const next = this.#actions[this.#pos];
    if (next) this.#scheduleNext(next.delay);
  }

  #endTurn(end: FixtureTurnEnd, forced: boolean): void {
    if ('error' in end) {
      this.#append('error', { code: end.error.code, message: end.error.message });
      this.#changeState('failed', 'failed');
      return;
    }
    this.answer = end.answer;
    this.#append('answer', { content: end.answer, forced });
    const idleTimeoutS = this.#init.idleTimeoutS;
    if (idleTimeoutS <= 0) {
      this.#changeState('completed', 'answered');
      return;
    }
    this.#changeState('idle', 'answered');
    this.#dueAt = this.#init.clock.now() + idleTimeoutS * 1000;
    this.#cancelTimer = this.#init.clock.schedule(this.#dueAt, () => {
      this.#cancelTimer = undefined;
      this.#changeState('completed', 'idle_timeout');
    });
  }
}

// Sessions moving in step append at the same instant (a thousand on one clock tick): the
// timestamp of the last instant is reused instead of formatted again for each.
let lastIsoMs = Number.NaN;
let lastIso = '';
function isoAt(ms: number): string {
  if (ms !== lastIsoMs) {
    lastIso = new Date(ms).toISOString();
    lastIsoMs = ms;
  }
  return lastIso;
}
