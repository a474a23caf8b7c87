import type { EventDataMap } from './generated/event-data.gen.js';
import type { components } from './generated/types.gen.js';

export type { EventDataMap };

type Schemas = components['schemas'];

/** A snapshot of a session: state, step count, token usage, turn and timestamps. */
export type Session = Schemas['Session'];
/** A state this version of the API defines. */
export type KnownSessionState = Schemas['KnownSessionState'];
/**
 * A session state as read from the wire: a known state, or one a newer server added.
 * (`string & {}` keeps editor completion for the known names.)
 */
export type SessionState = KnownSessionState | (string & {});
/** Token usage. */
export type Usage = Schemas['Usage'];
/** The caller's own string pairs attached to a session. */
export type Metadata = Schemas['Metadata'];
/** The agent (or subagent, with `parent_id`) that produced an event. */
export type Agent = Schemas['Agent'];
/** The body of `POST /v1/sessions`. */
export type CreateSessionRequest = Schemas['CreateSessionRequest'];
/** The body of `POST /v1/sessions/{session_id}/messages`. */
export type SendMessageRequest = Schemas['SendMessageRequest'];
/**
 * The answer to `POST /v1/sessions/{session_id}/messages`: the message's id (the
 * `message_received` or `message_dropped` event names it later) and the session after it.
 */
export type SentMessage = Schemas['SentMessage'];
/** A page of `GET /v1/sessions`. */
export type SessionList = Schemas['SessionList'];
/** The answer to a long-poll (`GET /v1/sessions/{session_id}/changes`). */
export type Changes = Schemas['Changes'];
/** A page of `GET /v1/sessions/{session_id}/events`. */
export type EventPage = Schemas['EventPage'];
/** The body of `POST /v1/sessions/{session_id}/tokens`: the scopes and lifetime of a session token. */
export type CreateSessionTokenRequest = Schemas['CreateSessionTokenRequest'];
/**
 * A session token (`POST /v1/sessions/{session_id}/tokens`): a short-lived credential for one
 * session and its scopes, for a browser page to call the API without the account key.
 */
export type SessionToken = Schemas['SessionToken'];
/** A scope this version of the API defines: `read` (status, changes, events) or `steer` (messages and control). */
export type KnownTokenScope = Schemas['KnownTokenScope'];
/** A token scope as read from the wire: a known scope, or one a newer server added. */
export type TokenScope = KnownTokenScope | (string & {});
/** The RFC 9457 problem body of every error response. */
export type Problem = Schemas['Problem'];
/** An error code this version of the API defines. */
export type KnownErrorCode = Schemas['KnownErrorCode'];
/** An event type this version of the API defines. */
export type KnownEventType = Schemas['KnownEventType'];

/** The fields every event has, whatever its type. */
export type EventEnvelope = Omit<Schemas['Event'], 'type' | 'data'>;

/**
 * An event of a known type, with its payload typed. `KnownEvent` alone is the union of all
 * of them; `KnownEvent<'answer'>` is one.
 */
export type KnownEvent<T extends KnownEventType = KnownEventType> = {
  [K in T]: EventEnvelope & { type: K; data: EventDataMap[K] };
}[T];

/**
 * An event on the wire whose type this version of the API does not define (a newer server
 * added it), as it came: its own `type` and raw `data`. (The SDKs surface such an event as
 * their `UnknownEvent`, typed `'(unknown)'`.)
 */
export type UnknownWireEvent = Schemas['Event'];

/**
 * Any event as the wire carries it: a known one (typed payload) or an unknown one (raw
 * payload). The SDKs' `SessionEvent` is what they surface to users.
 */
export type WireEvent = KnownEvent | UnknownWireEvent;
