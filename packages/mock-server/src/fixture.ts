import {
  type Agent,
  parseEvent,
  type Usage,
  type ValidationIssue,
  validate,
} from '@agent-sessions/protocol';
import * as z from 'zod/mini';
import { depthOf, MAX_JSON_DEPTH } from './json-body.js';

/** The `format` field of every fixture file. */
export const FIXTURE_FORMAT = 'agent-sessions-fixture';
/** The fixture format version this package reads and writes. */
export const FIXTURE_VERSION = 1;

/**
 * One thing the agent did inside a step, `at_ms` after the step started. `type`, `agent` and
 * `data` are exactly the wire event's; the server adds `index`, `created_at` and `turn`.
 */
export interface FixtureEvent {
  at_ms: number;
  type: string;
  agent: Agent;
  data: Record<string, unknown>;
}

/**
 * One agent step: it starts `delay_ms` after the previous step ended (or the turn began),
 * emits `step_started`, its events, then `step_finished` with `usage` at `duration_ms`.
 */
export interface FixtureStep {
  delay_ms: number;
  duration_ms: number;
  usage: Usage;
  events: FixtureEvent[];
}

/** How a turn ends once its last step finishes: an answer, or a failure (`error` event). */
export type FixtureTurnEnd = { answer: string } | { error: { code: string; message: string } };

/** One turn: the steps the agent takes for one user message, and how the turn ends. */
export interface FixtureTurn {
  steps: FixtureStep[];
  end: FixtureTurnEnd;
}

/**
 * A recorded session the mock server replays: turn by turn (a message to an idle session plays
 * the next turn; the last one repeats), plus the step it takes when forced to answer.
 *
 * @example
 * { format: 'agent-sessions-fixture', version: 1, name: 'short-answer', description: '...',
 *   forced: { duration_ms: 500, usage: {...}, answer: 'Paris, probably.' },
 *   turns: [{ steps: [{ delay_ms: 500, duration_ms: 1500, usage: {...}, events: [] }],
 *             end: { answer: 'Paris.' } }] }
 */
export interface Fixture {
  format: typeof FIXTURE_FORMAT;
  version: typeof FIXTURE_VERSION;
  /** The scenario name a session selects with `metadata.scenario`. */
  name: string;
  description: string;
  /** The step taken after a force-answer, and the answer it gives (`forced: true`). */
  forced: { duration_ms: number; usage: Usage; answer: string };
  turns: FixtureTurn[];
}

/** A fixture that could not be read: `file` and each issue's `path` say where. */
export class FixtureError extends Error {
  override readonly name = 'FixtureError';
  constructor(
    readonly file: string,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `Invalid fixture ${file}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`,
    );
  }
}

// Events the server itself emits around the fixture's own; a fixture cannot contain them.
const GENERATED_TYPES = new Set([
  'state_changed',
  'message_received',
  'message_dropped',
  'step_started',
  'step_finished',
  'answer',
  'error',
]);

const zMs = z.int().check(z.gte(0));
const zUsage = z.strictObject({ input_tokens: zMs, output_tokens: zMs, total_tokens: zMs });
const zFixtureEvent = z.strictObject({
  at_ms: zMs,
  type: z.string().check(z.minLength(1)),
  agent: z.unknown(),
  data: z.record(z.string(), z.unknown()),
});
const zFixture = z.strictObject({
  format: z.literal(FIXTURE_FORMAT),
  version: z.literal(FIXTURE_VERSION),
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/)),
  description: z.string(),
  forced: z.strictObject({ duration_ms: zMs, usage: zUsage, answer: z.string() }),
  turns: z
    .array(
      z.strictObject({
        steps: z
          .array(
            z.strictObject({
              delay_ms: zMs,
              duration_ms: zMs,
              usage: zUsage,
              events: z.array(zFixtureEvent),
            }),
          )
          .check(z.minLength(1)),
        end: z.union([
          z.strictObject({ answer: z.string() }),
          z.strictObject({
            error: z.strictObject({ code: z.string().check(z.minLength(1)), message: z.string() }),
          }),
        ]),
      }),
    )
    .check(z.minLength(1)),
});

// Fixtures already checked (the catalog, loaded files), so servers do not check them again.
const checked = new WeakSet<object>();

/** `value` as a checked fixture: see {@link parseFixture}; free for one already checked. */
export function ensureFixture(value: unknown, file: string): Fixture {
  if (typeof value === 'object' && value !== null && checked.has(value)) return value as Fixture;
  return parseFixture(value, file);
}

/**
 * Checks that `value` is a valid {@link Fixture}: its structure, and every event against the
 * protocol's event schema (as the wire event it becomes). Throws a {@link FixtureError} naming
 * `file` and the path of each problem, e.g. `turns[0].steps[1].events[2].data.forced`.
 */
export function parseFixture(value: unknown, file = '(fixture)'): Fixture {
  const result = validate(zFixture, value);
  if (!result.success) throw new FixtureError(file, result.issues);
  const fixture = result.data as Fixture;
  const issues: ValidationIssue[] = [];
  fixture.turns.forEach((turn, t) => {
    turn.steps.forEach((step, s) => {
      let previous = 0;
      step.events.forEach((event, e) => {
        const path = `turns[${t}].steps[${s}].events[${e}]`;
        if (GENERATED_TYPES.has(event.type)) {
          issues.push({
            path: `${path}.type`,
            message: 'is a type the server emits itself; use the step and turn fields',
          });
        }
        if (event.at_ms < previous || event.at_ms > step.duration_ms) {
          issues.push({
            path: `${path}.at_ms`,
            message: `expected between the previous event's at_ms (${previous}) and the step's duration_ms (${step.duration_ms})`,
          });
        }
        previous = event.at_ms;
        const wire = { index: 0, created_at: new Date(0).toISOString(), turn: 1, ...event };
        const parsed = parseEvent(wire, path);
        if (!parsed.success) issues.push(...parsed.issues);
      });
    });
  });
  if (issues.length > 0) throw new FixtureError(file, issues);
  checked.add(fixture);
  return fixture;
}

/**
 * Reads a fixture file's text: JSON syntax and content errors both name `file` and where the
 * problem is, never quoting the file's content (a stray file may hold anything).
 */
export function parseFixtureJson(text: string, file = '(fixture)'): Fixture {
  if (depthOf(text) > MAX_JSON_DEPTH) {
    throw new FixtureError(file, [
      { path: '(root)', message: `nests deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // The engine's message quotes the text around the error; only its position is kept.
    const where = /at position \d+(?: \(line \d+ column \d+\))?/.exec(String(error))?.[0];
    throw new FixtureError(file, [
      { path: '(root)', message: `not valid JSON${where ? ` (${where})` : ''}` },
    ]);
  }
  return parseFixture(value, file);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as never)[key]);
  return out;
}

function canonicalUsage(usage: Usage): Usage {
  return {
    input_tokens: usage.input_tokens,
    output_tokens: usage.output_tokens,
    total_tokens: usage.total_tokens,
  };
}

/**
 * The canonical text of a fixture: fixed key order for the format's own objects, sorted keys
 * inside event `agent` and `data`, two-space indent, trailing newline. Same fixture, same
 * bytes, so recorded files diff cleanly.
 */
export function stringifyFixture(fixture: Fixture): string {
  const canonical = {
    format: fixture.format,
    version: fixture.version,
    name: fixture.name,
    description: fixture.description,
    forced: {
      duration_ms: fixture.forced.duration_ms,
      usage: canonicalUsage(fixture.forced.usage),
      answer: fixture.forced.answer,
    },
    turns: fixture.turns.map((turn) => ({
      steps: turn.steps.map((step) => ({
        delay_ms: step.delay_ms,
        duration_ms: step.duration_ms,
        usage: canonicalUsage(step.usage),
        events: step.events.map((event) => ({
          at_ms: event.at_ms,
          type: event.type,
          agent: sortKeys(event.agent),
          data: sortKeys(event.data),
        })),
      })),
      end:
        'answer' in turn.end
          ? { answer: turn.end.answer }
          : { error: { code: turn.end.error.code, message: turn.end.error.message } },
    })),
  };
  return `${JSON.stringify(canonical, null, 2)}\n`;
}
