import {
  type Session,
  type SessionList,
  validate,
  zListSessionsQuery,
} from '@agent-sessions/protocol';
import { APIPromise, PagePromise } from '../api-promise.js';
import { validOrRefuse } from '../refuse.js';
import { parseSessionList } from '../response-parsers.js';
import type { ListOptions } from '../session-types.js';
import { type ClientContext, sendCall } from './context.js';
import { cursorError } from './cursor-error.js';

/** The cursors a page of `list()` was reached through, to catch a server that goes round. */
const cursorsSeen = new WeakMap<SessionList, Set<string>>();

/**
 * `GET /v1/sessions`, paged, newest first: await for one page, or iterate for every session;
 * a cursor that does not move or goes round is an error. Standalone form of
 * `client.sessions.list()`.
 * @example for await (const s of listSessions(client)) console.log(s.id, s.state);
 */
export function listSessions(
  client: ClientContext,
  options: ListOptions = {},
): PagePromise<SessionList, Session> {
  const { limit, cursor: first, ...request } = options;
  const page = (cursor: string | undefined) =>
    sendCall(client, () => ({
      method: 'GET',
      path: '/v1/sessions',
      query: validOrRefuse(
        validate(zListSessionsQuery, { cursor, limit }, 'query'),
        'GET /v1/sessions',
      ),
      options: request,
      parse: parseSessionList,
    }));
  return new PagePromise(
    () => page(first).withResponse(),
    (last) => {
      if (!last.has_more || !last.next_cursor) return undefined;
      const seen = new Set(cursorsSeen.get(last));
      if (first !== undefined) seen.add(first);
      const next = last.next_cursor;
      if (seen.has(next)) {
        throw cursorError(
          'GET /v1/sessions',
          'response.next_cursor',
          `the cursor "${next}" was already read: the server's pages go round`,
        );
      }
      seen.add(next);
      return new APIPromise(async () => {
        const result = await page(next).withResponse();
        cursorsSeen.set(result.data, seen);
        return result;
      });
    },
    (last) => last.data,
  );
}
