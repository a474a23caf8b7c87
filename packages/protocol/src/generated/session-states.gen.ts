// generated - do not edit. Source: openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
/* eslint-disable */

import type { components } from './types.gen.js';

type KnownSessionState = components['schemas']['KnownSessionState'];

/** The states a session never leaves (the spec's `x-terminal`, checked against its `x-transitions`). */
export const TERMINAL_STATES: readonly KnownSessionState[] = ['completed', 'interrupted', 'failed'];
