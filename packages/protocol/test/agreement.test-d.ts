import { describe, expectTypeOf, test } from 'vitest';
import type * as z from 'zod/mini';
import type { EVENT_DATA_SCHEMAS } from '../src/generated/event-data.gen.js';
import type { components } from '../src/generated/types.gen.js';
import type * as gen from '../src/generated/zod.gen.js';
import type { EventDataMap, KnownEvent, KnownEventType, WireEvent } from '../src/index.js';

type Schemas = components['schemas'];
// Response validators are loose (they keep fields a newer server adds), so their output
// carries an index signature the generated types do not declare; compare without them.
type Declared<T> = T extends readonly (infer U)[]
  ? Declared<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Declared<T[K]> }
    : T;
type Inferred<K extends keyof Schemas> = `z${K}` extends keyof typeof gen
  ? Declared<z.infer<(typeof gen)[`z${K}`]>>
  : never;

// Strict type identity, as expectTypeOf's toEqualTypeOf uses.
type Equal<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// allOf schemas come out as intersections on both sides, which are equal as sets but not identical.
type Intersections = `${string}Event` | 'KnownEvent';

/** The schema names whose validator's output type is not the generated type: must be none. */
type Disagreeing = {
  [K in keyof Schemas]: (
    K extends Intersections
      ? Mutual<Inferred<K>, Declared<Schemas[K]>>
      : Equal<Inferred<K>, Declared<Schemas[K]>>
  ) extends true
    ? never
    : K;
}[keyof Schemas];

describe('validators and types agree for every schema', () => {
  test('no schema disagrees', () => {
    expectTypeOf<Disagreeing>().toEqualTypeOf<never>();
  });

  test('the check can fail: a schema against another one disagrees', () => {
    expectTypeOf<Equal<Inferred<'Session'>, Declared<Schemas['Changes']>>>().toEqualTypeOf<false>();
    expectTypeOf<Equal<Inferred<'Event'>, Declared<Schemas['Event']>>>().toEqualTypeOf<true>();
  });
});

describe('the public event types', () => {
  test('EventDataMap covers exactly the known event types', () => {
    expectTypeOf<keyof EventDataMap>().toEqualTypeOf<KnownEventType>();
  });

  test('the generated payload schemas cover exactly the known event types, each its own payload', () => {
    expectTypeOf<keyof typeof EVENT_DATA_SCHEMAS>().toEqualTypeOf<KnownEventType>();
    type Payloads = {
      [K in KnownEventType]: Mutual<
        Declared<z.infer<(typeof EVENT_DATA_SCHEMAS)[K]>>,
        Declared<EventDataMap[K]>
      >;
    };
    expectTypeOf<Payloads[KnownEventType]>().toEqualTypeOf<true>();
  });

  test('KnownEvent<T> is the generated per-type event', () => {
    expectTypeOf<KnownEvent<'answer'>>().toExtend<Schemas['AnswerEvent']>();
    expectTypeOf<KnownEvent<'tool_called'>>().toExtend<Schemas['ToolCalledEvent']>();
    expectTypeOf<KnownEvent<'answer'>['data']>().toEqualTypeOf<Schemas['AnswerData']>();
    expectTypeOf<KnownEvent>().toExtend<WireEvent>();
  });
});
