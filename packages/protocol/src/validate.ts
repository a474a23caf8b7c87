import * as z from 'zod/mini';
import {
  zAnswerEvent,
  zCreateSessionRequest,
  zErrorEvent,
  zEvent,
  zKnownEventType,
  zKnownSessionState,
  zMessageDroppedEvent,
  zMessageReceivedEvent,
  zSendMessageRequest,
  zStateChangedEvent,
  zStepFinishedEvent,
  zStepStartedEvent,
  zSubagentFinishedEvent,
  zSubagentStartedEvent,
  zThoughtEvent,
  zToolCalledEvent,
  zToolReturnedEvent,
} from './generated/zod.gen.js';
import type { KnownEvent, KnownEventType, KnownSessionState, SessionEvent } from './schemas.js';

/** One thing wrong with a value: where (`events[2].data.forced`) and what. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** The outcome of {@link validate}. */
export type ValidationResult<T> =
  | { success: true; data: T }
  | { success: false; issues: ValidationIssue[] };

/** Formats a zod path as `events[2].data.forced` (`prefix` goes first, e.g. `body`). */
export function formatPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

// zod/mini ships no message locale (loading one is a global side effect and costs bundle
// size), so issues are worded here from their code.
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'is not a known field';
    case 'too_small':
      return issue.origin === 'string'
        ? `expected at least ${issue.minimum} character(s)`
        : `expected ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `expected at most ${issue.maximum} character(s)`
        : `expected ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_format':
      return `expected a valid ${issue.format}`;
    case 'invalid_union':
      return 'matches none of the allowed shapes';
    default:
      return issue.message;
  }
}

/**
 * Validates `value` against one of the generated schemas and reports every issue with its
 * path. `prefix` names where the value came from (`body`, `query`, `response`).
 */
export function validate<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  prefix = '',
): ValidationResult<T> {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return {
    success: false,
    issues: result.error.issues.flatMap((issue) => {
      const message = describeIssue(issue);
      // An unknown field is reported at its own path, one issue per field.
      if (issue.code === 'unrecognized_keys') {
        return issue.keys.map((key) => ({
          path: formatPath([...issue.path, key], prefix),
          message,
        }));
      }
      return [{ path: formatPath(issue.path, prefix), message }];
    }),
  };
}

/** Every state this version of the API defines, in lifecycle order. */
export const KNOWN_SESSION_STATES: readonly KnownSessionState[] = zKnownSessionState.options;
/** The states a session never leaves. */
export const TERMINAL_STATES: readonly KnownSessionState[] = ['completed', 'interrupted', 'failed'];
/** Every event type this version of the API defines. */
export const KNOWN_EVENT_TYPES: readonly KnownEventType[] = zKnownEventType.options;

/** True for `completed`, `interrupted` and `failed`: the session will change no more. */
export function isTerminal(state: string): boolean {
  return (TERMINAL_STATES as readonly string[]).includes(state);
}

/** True when `type` is an event type this version of the API defines. */
export function isKnownEventType(type: string): type is KnownEventType {
  return (KNOWN_EVENT_TYPES as readonly string[]).includes(type);
}

/**
 * Narrows an event to known types: `if (isEventType(event, 'answer')) event.data.forced`.
 * An unknown event is never narrowed.
 */
export function isEventType<T extends KnownEventType>(
  event: SessionEvent,
  ...types: T[]
): event is KnownEvent<T> {
  return (types as string[]).includes(event.type);
}

// The generated per-type schemas, keyed by the type they validate. The mapped type makes
// the compiler reject a missing or extra entry when the spec's list of types changes.
const knownEventSchemas: { [K in KnownEventType]: z.ZodMiniType } = {
  state_changed: zStateChangedEvent,
  message_received: zMessageReceivedEvent,
  message_dropped: zMessageDroppedEvent,
  step_started: zStepStartedEvent,
  step_finished: zStepFinishedEvent,
  thought: zThoughtEvent,
  tool_called: zToolCalledEvent,
  tool_returned: zToolReturnedEvent,
  subagent_started: zSubagentStartedEvent,
  subagent_finished: zSubagentFinishedEvent,
  answer: zAnswerEvent,
  error: zErrorEvent,
};

/**
 * Validates one event read from the wire. The envelope is always checked; a known type's
 * payload is checked against its schema (a wrongly typed field is an issue naming its path);
 * an unknown type passes with its raw payload, so newer servers never break older clients.
 */
export function parseEvent(value: unknown, prefix = ''): ValidationResult<SessionEvent> {
  // One pass per event: a known type's schema already includes the envelope.
  const type = (value as { type?: unknown } | null)?.type;
  const schema =
    typeof type === 'string' && isKnownEventType(type) ? knownEventSchemas[type] : zEvent;
  return validate(schema, value, prefix) as ValidationResult<SessionEvent>;
}

/**
 * Strict versions of the request bodies: unlike response schemas (which accept fields a
 * newer server adds), a request with a field the API does not define is refused.
 */
export const requestSchemas = {
  createSession: z.strictObject(zCreateSessionRequest.shape),
  sendMessage: z.strictObject(zSendMessageRequest.shape),
};
