/**
 * The mock's one error family. Every error the mock throws on purpose is a {@link MockError}
 * (`error instanceof MockError`), and each kind is its own class, so callers tell them apart by
 * type, never by message or by `instanceof TypeError`:
 *
 * - {@link MockInputError}: bad input to the mock (an option, a fault rule, a journal filter,
 *   an admin body); a `TypeError`, or a {@link MockRangeError} for a number out of range. Over
 *   HTTP the admin routes answer it 400; any other error from an admin method is a bug (500).
 * - {@link ProblemError}: an API or admin failure answered as an RFC 9457 problem.
 * - {@link BodyTooLargeError}: an adapter read past the body limit (answered 413).
 * - {@link FixtureError}: a fixture that does not parse.
 * - {@link SessionStateError}: a control the session's state forbids (answered 409).
 * - {@link MockAdminError}: a `/_mock` call `MockAdminClient` made was refused.
 * - {@link MockConnectionReset}: a `reset` fault dropped the connection; a `TypeError` like
 *   the one a real `fetch` rejects with.
 *
 * Input errors and the reset keep the built-in class a caller of the platform expects
 * (`TypeError`, `RangeError`), so the family is recognised by a brand, not by one prototype.
 */
import type { ValidationIssue } from '@agent-sessions/protocol';

const FAMILY = Symbol.for('@agent-sessions/mock-server.error');
const INPUT = Symbol.for('@agent-sessions/mock-server.input-error');

function brand(error: Error, name: string, ...marks: symbol[]): void {
  error.name = name;
  for (const mark of [FAMILY, ...marks]) {
    Object.defineProperty(error, mark, { value: true, enumerable: false });
  }
}

function branded(value: unknown, mark: symbol): boolean {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[mark] === true
  );
}

/** The base of every error the mock throws on purpose (see the file header for the kinds). */
export class MockError extends Error {
  // The family spans TypeError and RangeError subclasses: membership is the brand. A subclass
  // keeps the ordinary prototype check.
  /** @internal */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about.
    if (this !== MockError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return branded(value, FAMILY);
  }

  constructor(message: string, name = 'MockError') {
    super(message);
    brand(this, name);
  }
}

/** Bad input to the mock (an option, a fault rule, a filter, an admin body): the caller's mistake. */
export class MockInputError extends TypeError {
  // A MockRangeError is an input error too.
  /** @internal */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass asked about.
    if (this !== MockInputError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return branded(value, INPUT);
  }

  constructor(message: string) {
    super(message);
    brand(this, 'MockInputError', INPUT);
  }
}

/** Bad numeric input out of its range (a clock step, a clock speed): a {@link MockInputError}. */
export class MockRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    brand(this, 'MockRangeError', INPUT);
  }
}

/** A request body past the engine's `maxBodyBytes`: the engine answers 413. */
export class BodyTooLargeError extends MockError {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes.`, 'BodyTooLargeError');
  }
}

/** A fixture that does not parse: the file and every offending field. */
export class FixtureError extends MockError {
  constructor(
    readonly file: string,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `Invalid fixture ${file}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
      'FixtureError',
    );
  }
}

/** A control (pause, resume, ...) the session's state forbids: answered 409 `invalid_state`. */
export class SessionStateError extends MockError {
  constructor(
    readonly operation: string,
    readonly state: string,
  ) {
    super(`Cannot ${operation} a session that is ${state}.`, 'SessionStateError');
  }
}

/** A `/_mock` call the server refused or failed: its HTTP status and problem `code`. */
export class MockAdminError extends MockError {
  constructor(
    readonly status: number,
    message: string,
    /** The problem body's `code` (`not_found`, `invalid_request`, `forbidden`...), if any. */
    readonly code?: string,
  ) {
    super(message, 'MockAdminError');
  }
}

/**
 * Thrown by the in-process `fetch` (and turned into a destroyed socket by the HTTP adapter)
 * when a `reset` fault drops the connection: the same TypeError a real `fetch` rejects with.
 */
export class MockConnectionReset extends TypeError {
  constructor() {
    super('fetch failed: the mock server reset the connection (fault: reset)');
    // Named as a real fetch's failure is: code that logs it sees what it would see in production.
    brand(this, 'TypeError');
  }
}
