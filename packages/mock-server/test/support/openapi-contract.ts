import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

const specPath = createRequire(import.meta.url).resolve('@agent-sessions/protocol/openapi.yaml');
/** The OpenAPI document the server must follow, parsed. */
export const spec: any = parse(readFileSync(specPath, 'utf8'));

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });

function deref(node: any): any {
  if (!node || typeof node.$ref !== 'string') return node;
  return node.$ref
    .slice(2)
    .split('/')
    .reduce((at: any, key: string) => at[key], spec);
}

interface Operation {
  id: string;
  method: string;
  pattern: RegExp;
  responses: Record<string, any>;
}

const operations: Operation[] = Object.entries<any>(spec.paths).flatMap(([path, item]) =>
  ['get', 'post'].flatMap((method) =>
    item[method]
      ? [
          {
            id: item[method].operationId as string,
            method: method.toUpperCase(),
            pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
            responses: item[method].responses,
          },
        ]
      : [],
  ),
);

/** The spec operation a request is for, if any. */
export function operationOf(method: string, pathname: string): Operation | undefined {
  return operations.find((op) => op.method === method && op.pattern.test(pathname));
}

/** One response as observed: enough to check it and to report coverage. */
export interface Observed {
  operation: string;
  status: number;
  problems: string[];
}

/**
 * Checks one response of the server against the OpenAPI document: the status is documented
 * for the operation, the media type and body match its schema, and the documented headers
 * (X-Request-Id, Retry-After) are present. Faulted bodies (`X-Mock-Fault: malformed|truncate`)
 * are damaged on purpose: only their status and headers are checked.
 */
export async function checkResponse(
  request: Request,
  response: Response,
): Promise<Observed | undefined> {
  const url = new URL(request.url);
  const op = operationOf(request.method, url.pathname);
  if (!op) return undefined;
  const where = `${request.method} ${url.pathname} -> ${response.status}`;
  const problems: string[] = [];
  const fault = response.headers.get('x-mock-fault');
  // A scripted 5xx may use a status the document does not list (502): it must still be a Problem.
  const documented =
    deref(op.responses[String(response.status)]) ??
    (fault === 'server_error' ? deref(op.responses['500']) : undefined);
  if (!documented) {
    return {
      operation: op.id,
      status: response.status,
      problems: [`${where}: status not documented`],
    };
  }
  for (const [name, header] of Object.entries<any>(documented.headers ?? {})) {
    const value = response.headers.get(name);
    if (value === null) problems.push(`${where}: missing header ${name}`);
    else if (deref(header).schema?.type === 'integer' && !/^\d+$/.test(value)) {
      problems.push(`${where}: header ${name} is not an integer: ${value}`);
    }
  }
  if (fault === 'malformed' || fault === 'truncate') {
    return { operation: op.id, status: response.status, problems };
  }
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
  const media = documented.content?.[contentType];
  if (!media) {
    problems.push(`${where}: content type ${contentType} not documented`);
  } else {
    const body = JSON.parse(await response.text());
    const validator = ajv.getSchema(`spec${media.schema.$ref}`)!;
    if (!validator(body)) {
      problems.push(`${where}: ${ajv.errorsText(validator.errors)} in ${JSON.stringify(body)}`);
    }
  }
  return { operation: op.id, status: response.status, problems };
}
