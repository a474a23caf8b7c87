/**
 * Reading the input of an admin route: a JSON object body with only known fields, no query,
 * and a journal filter to and from a query string. Bad input is a `MockInputError` (400).
 */
import {
  checkJournalFilter,
  JOURNAL_FILTER_FIELDS,
  type JournalFilter,
} from '../engine/journal.js';
import { MockInputError } from '../errors.js';

export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MockInputError(`${what}: expected a JSON object body`);
  }
  return body as Record<string, unknown>;
}

/** Refuses any field of a body a route does not read (`{}` or no body at all is fine). */
export function noFields(body: Record<string, unknown>): void {
  for (const key of Object.keys(body)) {
    throw new MockInputError(`body.${key.slice(0, 40)}: is not a known field`);
  }
}

export function noQuery(query: URLSearchParams): void {
  for (const key of query.keys()) {
    throw new MockInputError(`query.${key.slice(0, 40)}: is not a known parameter`);
  }
}

/** Reads a journal filter from a query string, refusing unknown, repeated or ill-typed parameters. */
export function journalFilterFromQuery(query: URLSearchParams): JournalFilter {
  const filter: Record<string, unknown> = {};
  for (const [key, value] of query) {
    if (!(JOURNAL_FILTER_FIELDS as readonly string[]).includes(key)) {
      throw new MockInputError(
        `query.${key.slice(0, 40)}: is not a journal filter (expected one of ${JOURNAL_FILTER_FIELDS.join(', ')})`,
      );
    }
    // Two values for one field cannot both match: refused rather than keeping the last.
    if (key in filter) throw new MockInputError(`query.${key}: given more than once`);
    if (key === 'status') {
      if (!/^\d{1,3}$/.test(value))
        throw new MockInputError('query.status: expected a status code');
      filter.status = Number(value);
    } else {
      filter[key] = value;
    }
  }
  try {
    return checkJournalFilter(filter) ?? {};
  } catch (error) {
    if (!(error instanceof MockInputError)) throw error;
    throw new MockInputError(error.message.replace(/^journal filter\./, 'query.'));
  }
}

/** A journal filter as a query string (checked: a field the query cannot carry is refused). */
export function journalFilterToQuery(filter: JournalFilter | undefined): URLSearchParams {
  // Checked on the caller's side too: a field the query cannot carry would be dropped and the
  // call would count everything.
  checkJournalFilter(filter);
  const query = new URLSearchParams();
  for (const field of JOURNAL_FILTER_FIELDS) {
    const value = filter?.[field];
    if (value === null) {
      throw new TypeError(`journal filter.${field}: null cannot be sent over HTTP`);
    }
    if (value !== undefined) query.set(field, String(value));
  }
  return query;
}
