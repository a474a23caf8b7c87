import type { operations } from '@agent-sessions/protocol';
import { expectTypeOf, test } from 'vitest';
import type { OperationId, OperationPath, SpecPaths } from '../src/generated/operations.gen.js';

test('every generated route is a path and an operation of the generated spec types', () => {
  expectTypeOf<OperationPath>().toExtend<keyof SpecPaths>();
  expectTypeOf<OperationId>().toExtend<keyof operations>();
  expectTypeOf<keyof operations>().toExtend<OperationId>();
});
