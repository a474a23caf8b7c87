import type { FieldIssue } from './problem.js';
import type { Operation } from './route.js';

/** A checked query: the issues found, or the query rebuilt from the values that passed. */
export type CheckedQuery =
  | { issues: FieldIssue[]; values?: undefined }
  | { issues?: undefined; values: Map<string, string> };

const INTEGER = /^(0|[1-9][0-9]{0,15})$/;

/**
 * Checks a query against the parameters the spec gives the operation (names, types, bounds).
 * An unknown or repeated parameter is refused, so nothing the spec does not describe reaches
 * the upstream; the upstream query is rebuilt from the checked values, never copied.
 */
export function checkQuery(operation: Operation, params: URLSearchParams): CheckedQuery {
  const issues: FieldIssue[] = [];
  const values = new Map<string, string>();
  for (const [name, value] of params) {
    const spec = operation.query.find((parameter) => parameter.name === name);
    const path = `query.${name.slice(0, 64)}`;
    if (!spec) {
      issues.push({ path, message: 'is not a parameter of this operation' });
      continue;
    }
    if (values.has(name)) {
      issues.push({ path, message: 'is given more than once' });
      continue;
    }
    if (spec.type === 'integer') {
      if (!INTEGER.test(value)) {
        issues.push({ path, message: 'expected a non-negative integer' });
        continue;
      }
      const number = Number(value);
      if ('minimum' in spec && number < spec.minimum) {
        issues.push({ path, message: `expected at least ${spec.minimum}` });
        continue;
      }
      if ('maximum' in spec && number > spec.maximum) {
        issues.push({ path, message: `expected at most ${spec.maximum}` });
        continue;
      }
    } else {
      if ('minLength' in spec && value.length < spec.minLength) {
        issues.push({ path, message: `expected at least ${spec.minLength} characters` });
        continue;
      }
      if ('maxLength' in spec && value.length > spec.maxLength) {
        issues.push({ path, message: `expected at most ${spec.maxLength} characters` });
        continue;
      }
    }
    values.set(name, value);
  }
  return issues.length > 0 ? { issues } : { values };
}

/** `?a=1&b=2` from checked values, or `''`. */
export function toSearch(values: Map<string, string>): string {
  const search = new URLSearchParams([...values]).toString();
  return search ? `?${search}` : '';
}
