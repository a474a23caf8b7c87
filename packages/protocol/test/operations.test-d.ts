import { expectTypeOf, test } from 'vitest';
import type { OPERATIONS, operations, paths } from '../src/index.js';

type Row = (typeof OPERATIONS)[keyof typeof OPERATIONS];

test('every row of OPERATIONS is a path and an operation of the generated spec types', () => {
  expectTypeOf<Row['path']>().toExtend<keyof paths>();
  expectTypeOf<keyof typeof OPERATIONS>().toEqualTypeOf<keyof operations>();
  expectTypeOf<Row['operationId']>().toEqualTypeOf<keyof operations>();
});

test('each row is filed under its own operationId', () => {
  type Misfiled = {
    [K in keyof typeof OPERATIONS]: (typeof OPERATIONS)[K]['operationId'] extends K ? never : K;
  }[keyof typeof OPERATIONS];
  expectTypeOf<Misfiled>().toEqualTypeOf<never>();
});
