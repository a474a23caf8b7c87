import type { FieldIssue } from './problem.js';

/** A zod error's issues as the API names fields: `body.metadata.plan`. */
export function zodIssues(
  error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> },
  prefix: string,
): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map((part) => String(part).slice(0, 64))].join('.'),
    message: issue.message,
  }));
}
