// generated - do not edit. Source: openapi.yaml, by scripts/generate.mjs. Run `pnpm generate`.
/* eslint-disable */

/** The states a session never leaves (`x-terminal`, checked against `x-transitions`). */
export const TERMINAL_STATES = ['completed', 'interrupted', 'failed'] as const;
