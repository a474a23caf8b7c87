import * as z from 'zod/mini';
import { compileCheck } from './fast-check.js';
import { EVENT_DATA_SCHEMAS } from './generated/event-data.gen.js';
import { TERMINAL_STATES } from './generated/session-states.gen.js';
import {
  zCreateSessionRequest,
  zCreateSessionTokenRequest,
  zEvent,
  zKnownEventType,
  zKnownSessionState,
  zSendMessageRequest,
} from './generated/zod.gen.js';
import type { KnownEvent, KnownEventType, KnownSessionState, WireEvent } from './schemas.js';

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
        : issue.origin === 'array'
          ? `expected at least ${issue.minimum} item(s)`
          : `expected ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `expected at most ${issue.maximum} character(s)`
        : `expected ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_format':
      // A pattern is what the value must look like, not "a valid regex".
      return issue.format === 'regex' && 'pattern' in issue
        ? `expected to match ${issue.pattern}`
        : `expected a valid ${issue.format}`;
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

/**
 * {@link validate} for responses, with the schema's compiled check first: a value that passes
 * it is returned as it is (no copy: a loose schema's output equals its input); one that fails
 * is validated by zod for the issues, worded and placed as `validate` does them.
 */
export function validateResponse<T>(
  schema: z.ZodMiniType<T>,
  value: unknown,
  prefix = '',
): ValidationResult<T> {
  if (compileCheck(schema)(value)) return { success: true, data: value as T };
  return validate(schema, value, prefix);
}

// Reading a schema's `options` at import time is a property access a bundler must keep (it
// could be a getter), and with it the schema: read inside a pure call, both shake out.
const optionsOf = <T>(schema: { options: T }): T => schema.options;

/** Every state this version of the API defines, in lifecycle order. */
export const KNOWN_SESSION_STATES: readonly KnownSessionState[] =
  /*#__PURE__*/ optionsOf(zKnownSessionState);
export { TERMINAL_STATES };
/** Every event type this version of the API defines. */
export const KNOWN_EVENT_TYPES: readonly KnownEventType[] =
  /*#__PURE__*/ optionsOf(zKnownEventType);

/** True for a state in {@link TERMINAL_STATES}: the session will change no more. */
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
  event: WireEvent,
  ...types: T[]
): event is KnownEvent<T> {
  return (types as string[]).includes(event.type);
}

// Generated from the spec's `KnownEvent` discriminator; typed against every known type here,
// so the compiler refuses a map that misses one.
const knownEventDataSchemas: { readonly [K in KnownEventType]: z.ZodMiniType } = EVENT_DATA_SCHEMAS;

/**
 * Validates one event read from the wire and gives it in its wire form ({@link WireEvent}).
 * The envelope is always checked; a known type's payload is checked against its schema (a
 * wrongly typed field is an issue naming its path); an unknown type passes with its raw
 * payload, so newer servers never break older clients.
 */
export function parseWireEvent(value: unknown, prefix = ''): ValidationResult<WireEvent> {
  const type = (value as { type?: unknown } | null)?.type;
  const known = typeof type === 'string' && isKnownEventType(type);
  // The fast path: the envelope, then the payload against its own type's schema, each with
  // its compiled check. Only a failure takes zod, for the issues.
  if (compileCheck(zEvent)(value)) {
    if (!known) return { success: true, data: value as WireEvent };
    if (compileCheck(knownEventDataSchemas[type])((value as { data: unknown }).data)) {
      return { success: true, data: value as WireEvent };
    }
  }
  const envelope = validate(zEvent, value, prefix) as ValidationResult<WireEvent>;
  if (!known) return envelope;
  return withPayload(envelope, value, knownEventDataSchemas[type], prefix);
}

/**
 * What the generated per-type event schema (`zAnswerEvent`: the envelope intersected with
 * `{ type, data }`) reports, worked out from the envelope's result and the payload's own schema:
 * the envelope's issues, then the payload's. Those intersections are not used because each
 * costs a page zod's intersection code and twelve more schemas, for the same answer.
 */
function withPayload(
  envelope: ValidationResult<WireEvent>,
  value: unknown,
  schema: z.ZodMiniType,
  prefix: string,
): ValidationResult<WireEvent> {
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  // Not an object: the `{ type, data }` side refuses it at the root, as the envelope did.
  const payload: ValidationResult<unknown> = isObject
    ? validate(schema, (value as { data?: unknown }).data, prefix ? `${prefix}.data` : 'data')
    : { success: false, issues: [{ path: formatPath([], prefix), message: 'expected object' }] };
  if (!envelope.success || !payload.success) {
    return {
      success: false,
      issues: [
        ...(envelope.success ? [] : envelope.issues),
        ...(payload.success ? [] : payload.issues),
      ],
    };
  }
  return { success: true, data: { ...envelope.data, data: payload.data } as WireEvent };
}

/** The strict copy of an object schema; a pure call, so a page that sends no body drops it. */
function strict<S extends z.core.$ZodShape>(schema: z.ZodMiniObject<S>) {
  return z.strictObject(schema.shape);
}

/**
 * Strict versions of the request bodies: unlike response schemas (which accept fields a
 * newer server adds), a request with a field the API does not define is refused.
 */
export const requestSchemas = {
  createSession: /*#__PURE__*/ strict(zCreateSessionRequest),
  sendMessage: /*#__PURE__*/ strict(zSendMessageRequest),
  createSessionToken: /*#__PURE__*/ strict(zCreateSessionTokenRequest),
};
