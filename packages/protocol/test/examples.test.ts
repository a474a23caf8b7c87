import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, test } from 'vitest';
import { deref, HTTP_METHODS, spec } from './spec.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: 'spec', components: spec.components });

function validatorFor(schema: { $ref?: string }) {
  if (!schema.$ref) throw new Error('every media type schema in the spec is a $ref');
  return ajv.getSchema(`spec${schema.$ref}`)!;
}

interface Example {
  where: string;
  schema: { $ref?: string };
  value: unknown;
}

// Every example in the document, request and response, with the schema it illustrates.
function collectExamples(): Example[] {
  const out: Example[] = [];
  const fromContent = (
    where: string,
    content: Record<string, { schema: object; examples?: object }>,
  ) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        out.push({
          where: `${where} ${mediaType} ${name}`,
          schema: media.schema,
          value: deref(example).value,
        });
      }
    }
  };
  for (const item of Object.values<Record<string, any>>(spec.paths)) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op) continue;
      if (op.requestBody) fromContent(`${op.operationId} request`, deref(op.requestBody).content);
      for (const [status, response] of Object.entries(op.responses)) {
        fromContent(`${op.operationId} ${status}`, deref(response).content);
      }
    }
  }
  return out;
}

const examples = collectExamples();

describe('examples in the OpenAPI document', () => {
  test('there is at least one request example per body and one response example per response', () => {
    expect(examples.length).toBeGreaterThan(30);
  });

  test.each(examples.map((e) => [e.where, e] as const))(
    '%s validates against its schema',
    (_, example) => {
      const validateExample = validatorFor(example.schema);
      const ok = validateExample(example.value);
      expect(validateExample.errors ?? [], JSON.stringify(validateExample.errors)).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  test('a wrong example is caught (the check itself can fail)', () => {
    const validateSession = validatorFor({ $ref: '#/components/schemas/Session' });
    expect(validateSession({ id: 'x' })).toBe(false);
  });
});

describe('every operation is documented', () => {
  const operations = Object.values<Record<string, any>>(spec.paths).flatMap((item) =>
    HTTP_METHODS.filter((m) => item[m]).map((m) => item[m]),
  );

  test('the fixed HTTP surface is all there', () => {
    expect(operations.map((op) => op.operationId).sort()).toEqual(
      [
        'cancelSession',
        'createSession',
        'createSessionToken',
        'forceSessionAnswer',
        'getSession',
        'getSessionChanges',
        'listSessionEvents',
        'listSessions',
        'pauseSession',
        'resumeSession',
        'sendSessionMessage',
      ].sort(),
    );
  });

  test.each(operations.map((op) => [op.operationId, op] as const))(
    '%s has a summary, a description, examples and its errors',
    (_, op) => {
      expect(op.summary).toBeTruthy();
      expect(op.description).toBeTruthy();
      const statuses = Object.keys(op.responses);
      expect(statuses.some((s) => s.startsWith('2'))).toBe(true);
      // 403: a session token outside its scopes, or on an operation no token may call.
      for (const status of ['400', '401', '403', '429', '500', '503'])
        expect(statuses).toContain(status);
      for (const response of Object.values(op.responses)) {
        for (const media of Object.values<any>(deref(response).content ?? {})) {
          expect(Object.keys(media.examples ?? {}).length).toBeGreaterThan(0);
        }
      }
      if (op.operationId !== 'listSessions' && op.operationId !== 'createSession') {
        expect(statuses).toContain('404');
      }
    },
  );

  test('every POST honours Idempotency-Key', () => {
    const posts = Object.values<Record<string, any>>(spec.paths).flatMap((item) =>
      item.post ? [item.post] : [],
    );
    expect(posts.length).toBe(7);
    for (const op of posts) {
      expect(op.parameters.map((p: object) => deref(p).name)).toContain('Idempotency-Key');
    }
  });
});
