import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** The OpenAPI document, parsed. Tests walk it to find every operation and example. */
export const spec: any = parse(readFileSync(new URL('../openapi.yaml', import.meta.url), 'utf8'));

/** Follows one local `$ref` (`#/components/...`). */
export function deref(node: any): any {
  if (!node || typeof node.$ref !== 'string') return node;
  return node.$ref
    .slice(2)
    .split('/')
    .reduce((at: any, key: string) => at[key], spec);
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
