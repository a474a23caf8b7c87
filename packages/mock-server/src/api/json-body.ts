/**
 * Parses a request body as JSON, refusing what is not JSON or nests too deep with a 400.
 */
import { invalidRequest } from './problem.js';

/** How deep a request body may nest: far past any body the spec defines. */
export const MAX_JSON_DEPTH = 64;

// Counts nesting without parsing, so a 10,000-deep body is refused before anything recurses
// over it (a parser, a validator, the idempotency fingerprint).
/** How deeply `text`'s arrays and objects nest, counted without parsing it. */
export function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) max = depth;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return max;
}

/**
 * Parses a JSON request body, or throws the 400 problem naming what is wrong: empty, nested
 * deeper than {@link MAX_JSON_DEPTH}, or not JSON. The body is never quoted back.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '')
    throw invalidRequest([{ path: 'body', message: 'expected a JSON object' }]);
  if (depthOf(text) > MAX_JSON_DEPTH) {
    throw invalidRequest([
      { path: 'body', message: `is nested deeper than ${MAX_JSON_DEPTH} levels` },
    ]);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest([{ path: 'body', message: 'is not valid JSON' }]);
  }
}
