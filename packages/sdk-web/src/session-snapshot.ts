import {
  isEventType,
  parseEvent,
  type SessionEvent,
  type SessionState,
  type Usage,
} from '@agent-sessions/sdk-core';
import { refuse } from '@agent-sessions/sdk-core/internal';

/**
 * What a page shows of a session at one moment. Immutable: the store makes a new snapshot
 * object only when something changed, so `snapshot !== previous` means "render again"
 * (what React's `useSyncExternalStore` expects). Fields mirror the API's `Session` where they
 * are the same thing, and are derived from the events seen so far.
 */
export interface SessionSnapshot {
  /** The session's id. */
  readonly id: string;
  /** The latest state (`running`, `paused`, `idle`, `completed`...); `undefined` before the first event arrives. */
  readonly state: SessionState | undefined;
  /** The current turn (1 until a message to an `idle` session starts the next); `0` before the first event. */
  readonly turn: number;
  /** Steps started so far (the one in progress counts), over all turns and agents: the API's `Session.step_count`. */
  readonly step_count: number;
  /** Tokens used so far: the sums of every `step_finished` event's usage. */
  readonly usage: Usage;
  /**
   * The events seen so far, in order, each once; only the newest `maxEvents` of them when that
   * option is set (`event_count` still counts them all). Built when first read, then the same
   * frozen array for this snapshot.
   */
  readonly events: readonly SessionEvent[];
  /** The index of the next event to read: where watching carries on (after a reload too). */
  readonly cursor: number;
  /** How many events were seen in all, including the ones `maxEvents` no longer keeps. */
  readonly event_count: number;
  /** The latest final answer, or `null` before the first one lands. */
  readonly answer: string | null;
  /** Why watching stopped early: the SDK's typed error (e.g. `NotFoundError`); `undefined` otherwise. */
  readonly error: Error | undefined;
  /** True once nothing more will come: the session ended, watching failed (`error`), or `stop()` was called. */
  readonly done: boolean;
}

/**
 * A snapshot in a form that survives `JSON.stringify` and `JSON.parse` (sessionStorage, a file,
 * a server-rendered page): `store.save()` returns it and `createSessionStore(handle, { initial })`
 * takes it back. The same fields as {@link SessionSnapshot} without `error`; `done` is `true`
 * only when the session itself ended (a store that was stopped or failed saves `false`, so the
 * restored one watches again).
 *
 * @example
 * sessionStorage.setItem(id, JSON.stringify(store.save()));
 * const saved = sessionStorage.getItem(id);
 * const store = createSessionStore(client.sessions.get(id), saved ? { initial: JSON.parse(saved) } : {});
 */
export interface SavedSession {
  id: string;
  state?: SessionState | undefined;
  turn: number;
  step_count: number;
  usage: Usage;
  events: SessionEvent[];
  cursor: number;
  event_count: number;
  answer: string | null;
  done: boolean;
}

/** The numbers a snapshot folds from the events (everything but the events themselves). */
export type SnapshotFields = Omit<SessionSnapshot, 'events'>;

const NO_USAGE: Usage = /*#__PURE__*/ Object.freeze({
  input_tokens: 0,
  output_tokens: 0,
  total_tokens: 0,
});

/** The fields of a session with no event seen yet. */
export function emptyFields(id: string): SnapshotFields {
  return {
    id,
    state: undefined,
    turn: 0,
    step_count: 0,
    usage: NO_USAGE,
    cursor: 0,
    event_count: 0,
    answer: null,
    error: undefined,
    done: false,
  };
}

/** Folds one event into the fields, in place (the caller owns `fields`). */
export function foldEvent(
  fields: { -readonly [K in keyof SnapshotFields]: SnapshotFields[K] },
  event: SessionEvent,
): void {
  if (isEventType(event, 'state_changed')) fields.state = event.data.to;
  else if (isEventType(event, 'answer')) fields.answer = event.data.content;
  else if (isEventType(event, 'step_started')) fields.step_count += 1;
  else if (isEventType(event, 'step_finished')) {
    const { usage } = fields;
    fields.usage = {
      input_tokens: usage.input_tokens + event.data.usage.input_tokens,
      output_tokens: usage.output_tokens + event.data.usage.output_tokens,
      total_tokens: usage.total_tokens + event.data.usage.total_tokens,
    };
  }
  if (event.turn > fields.turn) fields.turn = event.turn;
  fields.event_count += 1;
}

/** A frozen snapshot of `fields` whose `events` are built by `events()` when first read. */
export function freezeSnapshot(
  fields: SnapshotFields,
  events: () => readonly SessionEvent[],
): SessionSnapshot {
  const snapshot = { ...fields } as SessionSnapshot;
  Object.defineProperty(snapshot, 'events', { enumerable: true, get: events });
  return Object.freeze(snapshot);
}

/** Throws the typed error for a bad store option: `path` names it (`options.maxEvents`). */
export function refuseStoreOption(path: string, message: string): never {
  return refuse('Invalid store options: ', [{ path, message }]);
}

const isCount = (value: unknown): value is number =>
  Number.isSafeInteger(value) && (value as number) >= 0;

/** A saved session as the store takes it: its numbers, and its events checked as a response's. */
export interface Restored {
  fields: SnapshotFields;
  events: SessionEvent[];
}

/**
 * Checks a saved session before the store trusts it (it may come from storage another version
 * of the page wrote, or be hand-edited) as strictly as a response: the id must be the handle's,
 * the counts whole numbers, `event_count` the cursor, each event one the API could send, and
 * the events the newest before the cursor, in order. When they are the whole log, the numbers
 * are folded from them rather than taken on trust.
 */
export function checkSaved(saved: SavedSession, id: string): Restored {
  if (typeof saved !== 'object' || saved === null)
    refuseStoreOption('options.initial', 'expected a saved session (store.save())');
  if (saved.id !== id)
    refuseStoreOption(
      'options.initial.id',
      `the saved session is ${JSON.stringify(saved.id)}, the handle's is ${JSON.stringify(id)}`,
    );
  for (const key of ['turn', 'step_count', 'cursor', 'event_count'] as const) {
    if (!isCount(saved[key]))
      refuseStoreOption(`options.initial.${key}`, 'expected a whole number >= 0');
  }
  for (const key of ['input_tokens', 'output_tokens', 'total_tokens'] as const) {
    if (!isCount(saved.usage?.[key]))
      refuseStoreOption(`options.initial.usage.${key}`, 'expected a whole number >= 0');
  }
  const { cursor } = saved;
  // Watching starts from 0, so every event before the cursor was seen, once.
  if (saved.event_count !== cursor)
    refuseStoreOption(
      'options.initial.event_count',
      'expected the cursor (every event before it was seen)',
    );
  if (!Array.isArray(saved.events) || saved.events.length > cursor)
    refuseStoreOption('options.initial.events', 'expected an array of at most event_count events');
  // Watching carries on from `cursor`: a gap or an event past it would be shown wrong or twice.
  const first = cursor - saved.events.length;
  const events = saved.events.map((raw, at) => {
    const parsed = parseEvent(raw, `options.initial.events[${at}]`);
    if (!parsed.success)
      refuseStoreOption(
        parsed.issues[0]?.path ?? 'options.initial.events',
        parsed.issues[0]?.message ?? '',
      );
    if (parsed.data.index !== first + at)
      refuseStoreOption(
        'options.initial.events',
        'expected the newest events before the cursor, in order',
      );
    return parsed.data;
  });
  if (saved.answer !== null && typeof saved.answer !== 'string')
    refuseStoreOption('options.initial.answer', 'expected a string or null');
  if (saved.state !== undefined && typeof saved.state !== 'string')
    refuseStoreOption('options.initial.state', 'expected a string');
  if (typeof saved.done !== 'boolean')
    refuseStoreOption('options.initial.done', 'expected a boolean');
  if (events.length === cursor) {
    const fields: Parameters<typeof foldEvent>[0] = emptyFields(id);
    for (const event of events) foldEvent(fields, event);
    return { fields: { ...fields, cursor, done: saved.done }, events };
  }
  return {
    fields: {
      id,
      state: saved.state,
      turn: saved.turn,
      step_count: saved.step_count,
      usage: Object.freeze({ ...saved.usage }),
      cursor,
      event_count: cursor,
      answer: saved.answer,
      error: undefined,
      done: saved.done,
    },
    events,
  };
}
