import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without declarations. The docs' scripted sessions are
// the one definition of "sessions that make every transition"; they play this package's source.
import { recordExampleSessions } from '../../../docs/scripts/reference.mjs';

interface Transition {
  from: string | null;
  to: string;
  reason: string;
}

test("the spec's x-transitions are exactly the transitions the mock server makes", async () => {
  const spec = parse(
    await readFile(new URL('../../protocol/openapi.yaml', import.meta.url), 'utf8'),
  );
  const declared = (spec.components.schemas.KnownSessionState['x-transitions'] as Transition[]).map(
    ({ from, to, reason }) => `${from} -> ${to} (${reason})`,
  );
  const sessions: { events: { type: string; data: Transition }[] }[] =
    await recordExampleSessions();
  const made = new Set(
    sessions.flatMap(({ events }) =>
      events
        .filter((event) => event.type === 'state_changed')
        .map(({ data }) => `${data.from} -> ${data.to} (${data.reason})`),
    ),
  );
  expect([...made].sort()).toEqual([...new Set(declared)].sort());
});
