import type * as z from 'zod/mini';
import type { Check } from './fast-check.js';

// The `browser` build's `compileCheck` (scripts/browser-build.ts swaps it in for
// `fast-check.ts`). It compiles nothing and always answers "not sure", which its contract
// allows, so every response is validated by zod's public `safeParse`: the same answers, and
// equal data (zod's copy rather than the value itself). A page makes a few calls a second at most and never feels zod's
// per-key cost; it does feel the compiler's 0.6 kB gzip on every page.

const notSure: Check = () => false;

/** Never compiles: always "not sure", so the caller validates with zod. */
export function compileCheck(_schema: z.ZodMiniType): Check {
  return notSure;
}
