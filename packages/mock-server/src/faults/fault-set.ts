/**
 * The fault rules the engine holds: checking a rule (from code or JSON), matching a call to the
 * first rule that applies (scripted rules in order, then chaos), and what `delay` draws.
 */
import { OPERATION_IDS, type OperationId } from '../api/operations.js';
import { MockInputError } from '../errors.js';
import {
  CHAOS_KINDS,
  type ChaosOptions,
  FAULT_KINDS,
  type FaultEntry,
  type FaultKind,
  type FaultRule,
} from './fault-rule.js';

export type { ChaosOptions, DelayRange, FaultEntry, FaultKind, FaultRule } from './fault-rule.js';
export { FAULT_KINDS } from './fault-rule.js';

interface ActiveRule extends FaultEntry {
  random: () => number;
}

// The largest delay or pause a rule may ask for: a day, far past any client's timeout.
const MAX_DELAY_MS = 86_400_000;

// mulberry32: tiny, fast and good enough for picking faults reproducibly.
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RULE_FIELDS = new Set([
  'operation',
  'call',
  'times',
  'sessionId',
  'kind',
  'status',
  'retryAfterS',
  'retryAfterMs',
  'shouldRetry',
  'delayMs',
  'seed',
  'chunkBytes',
  'pauseMs',
]);

// The fields only some kinds read.
const KIND_FIELDS: [keyof FaultRule, readonly FaultKind[]][] = [
  ['status', ['server_error']],
  ['retryAfterS', ['rate_limit', 'server_error']],
  ['retryAfterMs', ['rate_limit', 'server_error']],
  ['shouldRetry', ['rate_limit', 'server_error']],
  ['delayMs', ['delay']],
  ['seed', ['delay']],
  ['chunkBytes', ['dribble']],
  ['pauseMs', ['dribble']],
];

// The operations without a session in their path: a `sessionId` rule would never match them.
const SESSION_OPERATIONS = new Set<string>(
  OPERATION_IDS.filter((op) => op !== 'createSession' && op !== 'listSessions'),
);

/**
 * Checks a fault rule (from code or from JSON) and returns a copy, or throws a TypeError
 * naming the first bad field.
 */
export function checkFaultRule(rule: FaultRule): FaultRule {
  const fail = (field: string, expected: string): never => {
    throw new MockInputError(`Invalid fault rule: ${field}: expected ${expected}`);
  };
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) fail('(root)', 'an object');
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS.has(key)) fail(key.slice(0, 40), 'no such field');
  }
  if (!FAULT_KINDS.includes(rule.kind)) fail('kind', `one of ${FAULT_KINDS.join(', ')}`);
  if (!(OPERATION_IDS as readonly unknown[]).includes(rule.operation)) {
    fail('operation', `one of ${OPERATION_IDS.join(', ')}`);
  }
  const int = (value: unknown, min: number, max: number) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
  if (rule.call !== undefined && !int(rule.call, 1, 1e9)) fail('call', 'an integer >= 1');
  if (rule.times !== undefined && !int(rule.times, 1, 1e9)) fail('times', 'an integer >= 1');
  if (rule.sessionId !== undefined && typeof rule.sessionId !== 'string') {
    fail('sessionId', 'a string');
  }
  if (rule.status !== undefined && !(rule.kind === 'server_error' && int(rule.status, 500, 599))) {
    fail('status', 'a 5xx status, with kind server_error');
  }
  if (rule.retryAfterS !== undefined && !int(rule.retryAfterS, 0, 86_400)) {
    fail('retryAfterS', 'an integer from 0 to 86400');
  }
  if (rule.retryAfterMs !== undefined && !int(rule.retryAfterMs, 0, MAX_DELAY_MS)) {
    fail('retryAfterMs', `an integer from 0 to ${MAX_DELAY_MS}`);
  }
  if (rule.shouldRetry !== undefined && typeof rule.shouldRetry !== 'boolean') {
    fail('shouldRetry', 'true or false');
  }
  const { delayMs } = rule;
  if (typeof delayMs === 'object' && delayMs !== null) {
    const keys = Object.keys(delayMs).sort().join(',');
    if (
      keys !== 'max,min' ||
      !int(delayMs.min, 0, MAX_DELAY_MS) ||
      !int(delayMs.max, 0, MAX_DELAY_MS)
    ) {
      fail('delayMs', `{ min, max }: integers from 0 to ${MAX_DELAY_MS}`);
    }
    if (delayMs.min > delayMs.max) fail('delayMs', 'min <= max');
  } else if (delayMs !== undefined && !int(delayMs, 0, MAX_DELAY_MS)) {
    fail('delayMs', `an integer from 0 to ${MAX_DELAY_MS}, or { min, max }`);
  }
  if (rule.seed !== undefined && !int(rule.seed, 0, 2 ** 32 - 1)) fail('seed', 'an integer >= 0');
  if (rule.chunkBytes !== undefined && !int(rule.chunkBytes, 1, 1 << 20)) {
    fail('chunkBytes', 'an integer from 1 to 1048576');
  }
  if (rule.pauseMs !== undefined && !int(rule.pauseMs, 0, 60_000)) {
    fail('pauseMs', 'an integer from 0 to 60000');
  }
  // A field the kind does not read would be silently ignored: refused instead.
  for (const [field, kinds] of KIND_FIELDS) {
    if (rule[field] !== undefined && !kinds.includes(rule.kind)) {
      fail(field, `no ${field} on a ${rule.kind} fault (only on ${kinds.join(', ')})`);
    }
  }
  if (rule.seed !== undefined && typeof delayMs !== 'object') {
    fail('seed', 'a delayMs range { min, max } to draw from');
  }
  if (rule.times !== undefined && rule.call === undefined) {
    fail('times', 'call too (times counts from call; without call every call is struck)');
  }
  if (rule.sessionId !== undefined && !SESSION_OPERATIONS.has(rule.operation)) {
    fail('sessionId', `an operation on one session (${rule.operation} names none)`);
  }
  const copy = { ...rule };
  if (typeof delayMs === 'object') copy.delayMs = { min: delayMs.min, max: delayMs.max };
  return copy;
}

/** Checks the chaos options; throws a TypeError naming the bad field. */
function checkChaos(chaos: ChaosOptions): ChaosOptions {
  const fail = (field: string, expected: string): never => {
    throw new MockInputError(`chaos.${field}: expected ${expected}`);
  };
  if (typeof chaos !== 'object' || chaos === null) fail('(root)', 'an object');
  for (const key of Object.keys(chaos)) {
    if (!['rate', 'seed', 'kinds', 'operations'].includes(key))
      fail(key.slice(0, 40), 'no such field');
  }
  if (typeof chaos.rate !== 'number' || !(chaos.rate >= 0 && chaos.rate <= 1)) {
    fail('rate', 'a number from 0 to 1');
  }
  if (!Number.isInteger(chaos.seed) || chaos.seed < 0 || chaos.seed > 2 ** 32 - 1) {
    fail('seed', 'an integer >= 0');
  }
  if (
    chaos.kinds !== undefined &&
    (!Array.isArray(chaos.kinds) || chaos.kinds.some((kind) => !FAULT_KINDS.includes(kind)))
  ) {
    fail('kinds', `a list of ${FAULT_KINDS.join(', ')}`);
  }
  if (
    chaos.operations !== undefined &&
    (!Array.isArray(chaos.operations) ||
      chaos.operations.some((op) => !(OPERATION_IDS as readonly unknown[]).includes(op)))
  ) {
    fail('operations', `a list of ${OPERATION_IDS.join(', ')}`);
  }
  return {
    ...chaos,
    ...(chaos.kinds ? { kinds: [...chaos.kinds] } : {}),
    ...(chaos.operations ? { operations: [...chaos.operations] } : {}),
  };
}

/** The scripted fault rules of a server, matched in the order they were added. */
export class FaultSet {
  #rules: ActiveRule[] = [];
  #nextId = 1;
  readonly #chaos: ChaosOptions | undefined;
  readonly #random: () => number;

  constructor(rules: FaultRule[] = [], chaos?: ChaosOptions) {
    if (!Array.isArray(rules)) throw new MockInputError('faults: expected an array of fault rules');
    this.#chaos = chaos === undefined ? undefined : checkChaos(chaos);
    this.#random = seededRandom(chaos?.seed ?? 0);
    for (const rule of rules) this.add(rule);
  }

  /** Adds a rule (checked first: a bad rule throws a TypeError and adds nothing); returns its id. */
  add(rule: FaultRule): string {
    const valid = checkFaultRule(rule);
    const id = `fault_${this.#nextId++}`;
    this.#rules.push({ id, rule: valid, seen: 0, random: seededRandom(valid.seed ?? 0) });
    return id;
  }

  /** Removes one rule by id; false when no rule has it. */
  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((active) => active.id !== id);
    return this.#rules.length < before;
  }

  /** Removes every scripted rule (chaos stays on). */
  clear(): void {
    this.#rules = [];
  }

  /** The scripted rules, in matching order, with the calls each has counted. */
  list(): FaultEntry[] {
    return this.#rules.map(({ id, rule, seen }) => ({ id, rule: structuredClone(rule), seen }));
  }

  /** How long a `delay` fault holds its response: its fixed delay, or a draw from its range. */
  delayOf(rule: FaultRule): number {
    const { delayMs } = rule;
    if (delayMs === undefined) return 1000;
    if (typeof delayMs === 'number') return delayMs;
    const random = this.#rules.find((active) => active.rule === rule)?.random ?? Math.random;
    return delayMs.min + Math.floor(random() * (delayMs.max - delayMs.min + 1));
  }

  /** The fault for this call, if any. Counts the call for every rule it matches. */
  match(operation: OperationId, sessionId: string | undefined): FaultRule | undefined {
    let hit: FaultRule | undefined;
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.operation !== operation) continue;
      if (rule.sessionId !== undefined && rule.sessionId !== sessionId) continue;
      active.seen += 1;
      const inWindow =
        rule.call === undefined ||
        (active.seen >= rule.call && active.seen < rule.call + (rule.times ?? 1));
      if (inWindow && !hit) hit = rule;
    }
    return hit ?? this.#chaosFault(operation);
  }

  #chaosFault(operation: OperationId): FaultRule | undefined {
    const chaos = this.#chaos;
    if (!chaos) return undefined;
    if (chaos.operations && !chaos.operations.includes(operation)) return undefined;
    if (this.#random() >= chaos.rate) return undefined;
    const kinds = chaos.kinds?.length ? chaos.kinds : CHAOS_KINDS;
    const kind = kinds[Math.floor(this.#random() * kinds.length)]!;
    return { operation, kind };
  }
}
