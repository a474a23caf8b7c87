import { validate, zListSessionEventsQuery } from '@agent-sessions/protocol';
import { APIPromise, PagePromise } from '../api-promise.js';
import type { SessionEvent } from '../events.js';
import { validOrRefuse } from '../refuse.js';
import { parseEventPage, type SessionEventPage } from '../response-parsers.js';
import type { EventsOptions } from '../session-types.js';
import { sessionPath } from './api-path.js';
import { type ClientContext, sendCall } from './context.js';
import { cursorError } from './cursor-error.js';

/**
 * `GET /v1/sessions/{id}/events`, paged: the full history, iterated or one page awaited. Each
 * page holds exactly the events from where it was asked, in order: repeats are dropped, a gap
 * or a cursor that does not move is an error. Standalone form of `client.sessions.events(id)`.
 * @example for await (const event of listSessionEvents(client, id)) console.log(event.type);
 */
export function listSessionEvents(
  client: ClientContext,
  id: string,
  options: EventsOptions = {},
): PagePromise<SessionEventPage, SessionEvent> {
  const { from = 0, limit, ...request } = options;
  const where = `GET /v1/sessions/${id}/events`;
  const page = (start: number) =>
    new APIPromise(async () => {
      const result = await sendCall(client, () => ({
        method: 'GET',
        path: sessionPath('/v1/sessions/{session_id}/events', id),
        sessionId: id,
        query: validOrRefuse(
          validate(zListSessionEventsQuery, { from: start, limit }, 'query'),
          where,
        ),
        options: request,
        parse: parseEventPage,
      })).withResponse();
      const data = inOrder(result.data.data, start, where);
      if (result.data.has_more && data.length === 0) {
        throw cursorError(
          where,
          'response.next',
          `has_more is true but no event from ${start} came: the cursor does not move`,
        );
      }
      // Our own cursor, not the server's `next`: a lagging `next` cannot repeat events.
      return { ...result, data: { ...result.data, data, next: start + data.length } };
    });
  return new PagePromise(
    () => page(from).withResponse(),
    (last) => (last.has_more ? page(last.next) : undefined),
    (last) => last.data,
  );
}

/**
 * The events of a page that continue exactly from `start`: repeats (index below `start`)
 * are dropped; an event past the next expected index is a gap, an error.
 */
function inOrder(events: SessionEvent[], start: number, where: string): SessionEvent[] {
  const out: SessionEvent[] = [];
  for (const event of events) {
    const expected = start + out.length;
    if (event.index < expected) continue;
    if (event.index > expected) {
      throw cursorError(
        where,
        'response.data',
        `expected event ${expected} next but got ${event.index}: the server skipped events`,
      );
    }
    out.push(event);
  }
  return out;
}
