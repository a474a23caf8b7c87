import { isTerminal, type Session } from '@agent-sessions/protocol';
import { ownerOf, parseJson, type RequestContext, upstream } from './context.js';
import { pageResponseHeaders } from './headers.js';
import { problem } from './problem.js';
import { toSearch } from './query.js';
import { relay, type UpstreamAnswer } from './upstream.js';

interface ListPage {
  data: Session[];
  next_cursor: string | null;
  has_more: boolean;
}

/** Reads one upstream page of sessions, remembering every owner it names. */
async function readPage(
  context: RequestContext,
  limit: string,
  cursor: string | undefined,
): Promise<{ page: ListPage; answer: UpstreamAnswer } | { failed: Response }> {
  const query = new Map([['limit', limit]]);
  if (cursor !== undefined) query.set('cursor', cursor);
  const answer = await upstream(context, {
    method: 'GET',
    target: `/v1/sessions${toSearch(query)}`,
  });
  if ('failed' in answer) return answer;
  if (answer.status !== 200) return { failed: relay(answer) };
  const page = parseJson(answer.text) as ListPage | undefined;
  if (!page || !Array.isArray(page.data) || typeof page.has_more !== 'boolean') {
    return {
      failed: problem(
        502,
        'bad_gateway',
        'The Agent Sessions API answered with a list that is not one.',
      ),
    };
  }
  for (const session of page.data) {
    const owner = ownerOf(session, context.options.ownerMetadataKey);
    if (owner !== undefined && typeof session.id === 'string') context.cache.set(session.id, owner);
  }
  return { page, answer };
}

/**
 * `listSessions`: the user's own sessions only. The API has no filter by metadata, so the
 * handler reads upstream pages (of the page's `limit`) and keeps the user's, until a page
 * had some or `listScanPages` pages were read. A page may so hold fewer than `limit` sessions
 * (even none) with `has_more: true`: the SDKs' pagination follows `next_cursor` and sees them all.
 */
export async function listSessions(context: RequestContext): Promise<Response> {
  const limit = context.query.get('limit') ?? '20';
  let cursor = context.query.get('cursor');
  const data: Session[] = [];
  let last: { page: ListPage; answer: UpstreamAnswer } | undefined;
  for (let read = 0; read < context.options.listScanPages; read++) {
    const result = await readPage(context, limit, cursor);
    if ('failed' in result) return result.failed;
    last = result;
    for (const session of result.page.data) {
      if (ownerOf(session, context.options.ownerMetadataKey) === context.user) data.push(session);
    }
    cursor = result.page.next_cursor ?? undefined;
    if (data.length > 0 || !result.page.has_more || cursor === undefined) break;
  }
  const hasMore = Boolean(last?.page.has_more && cursor !== undefined);
  const headers = pageResponseHeaders(last!.answer.headers);
  headers.set('Content-Type', 'application/json');
  return new Response(
    JSON.stringify({ data, next_cursor: hasMore ? cursor : null, has_more: hasMore }),
    { status: 200, headers },
  );
}

/**
 * How many of the user's sessions are not terminal, reading at most `listScanPages` upstream
 * pages of 100 (newest first) and stopping once `atLeast` are found.
 */
export async function countActiveSessions(
  context: RequestContext,
  atLeast: number,
): Promise<{ count: number } | { failed: Response }> {
  let count = 0;
  let cursor: string | undefined;
  for (let read = 0; read < context.options.listScanPages; read++) {
    const result = await readPage(context, '100', cursor);
    if ('failed' in result) return result;
    for (const session of result.page.data) {
      if (ownerOf(session, context.options.ownerMetadataKey) !== context.user) continue;
      if (!isTerminal(session.state)) count++;
    }
    cursor = result.page.next_cursor ?? undefined;
    if (count >= atLeast || !result.page.has_more || cursor === undefined) break;
  }
  return { count };
}
