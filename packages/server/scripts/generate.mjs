// Regenerates src/generated/operations.gen.ts from the protocol's openapi.yaml: the handler's
// allowlist is the spec's operations, never a hand-written list. `pnpm generate` runs it; the
// freshness test runs `render()` and compares, so the committed file cannot go stale.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const target = join(root, 'src/generated/operations.gen.ts');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Follows a local `$ref` (`#/components/...`) to what it names. */
function deref(document, node) {
  if (!node || typeof node !== 'object' || typeof node.$ref !== 'string') return node;
  const parts = node.$ref.replace(/^#\//, '').split('/');
  return deref(
    document,
    parts.reduce((at, key) => at?.[key], document),
  );
}

/** The query parameters of an operation, with the bounds the spec gives them. */
function queryOf(document, parameters) {
  return parameters
    .map((parameter) => deref(document, parameter))
    .filter((parameter) => parameter.in === 'query')
    .map((parameter) => {
      const schema = deref(document, parameter.schema) ?? {};
      if (schema.type !== 'integer' && schema.type !== 'string') {
        throw new Error(`generate: query.${parameter.name} has type ${schema.type}, not handled`);
      }
      const bounds = {};
      for (const key of ['minimum', 'maximum', 'minLength', 'maxLength']) {
        if (schema[key] !== undefined) bounds[key] = schema[key];
      }
      return { name: parameter.name, type: schema.type, ...bounds };
    });
}

/** Every operation of the spec, in document order. */
export async function operations() {
  const require = createRequire(import.meta.url);
  const specPath = require.resolve('@agent-sessions/protocol/openapi.yaml');
  const document = parse(await readFile(specPath, 'utf8'));
  const found = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = item.parameters ?? [];
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [...shared, ...(operation.parameters ?? [])].map((p) =>
        deref(document, p),
      );
      const pathParameters = parameters.filter((p) => p.in === 'path').map((p) => p.name);
      for (const name of pathParameters) {
        if (name !== 'session_id') throw new Error(`generate: path parameter ${name} not handled`);
      }
      const body = operation.requestBody?.content?.['application/json']?.schema;
      found.push({
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        segments: path.split('/').filter(Boolean),
        sessionScoped: pathParameters.includes('session_id'),
        body: body ? (body.$ref ?? '').split('/').pop() || 'inline' : null,
        idempotencyKey: parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        query: queryOf(document, parameters),
      });
    }
  }
  return found;
}

/** The generated module's text. */
export async function render() {
  const list = await operations();
  const lines = list.map((operation) => `  ${JSON.stringify(operation)},`);
  return `// generated - do not edit. Source: @agent-sessions/protocol's openapi.yaml, by scripts/generate.mjs. Run \`pnpm generate\`.
import type { paths } from '@agent-sessions/protocol';

/**
 * Every operation of the API, as the spec lists it: the handler's allowlist. A request that
 * matches none of them is a 404 that reaches no upstream.
 */
export const OPERATIONS = [
${lines.join('\n')}
] as const;

/** An operation of the spec, by its \`operationId\`. */
export type OperationId = (typeof OPERATIONS)[number]['operationId'];

/** The spec's path templates (test/operations.test-d.ts checks each is one of the generated \`paths\`). */
export type OperationPath = (typeof OPERATIONS)[number]['path'];

/** The generated \`paths\` type, for that check. */
export type SpecPaths = paths;
`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await writeFile(target, await render());
  console.log(`wrote ${target}`);
}
