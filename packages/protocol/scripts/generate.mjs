// Regenerates src/generated/* from openapi.yaml. `pnpm generate` runs it; the freshness
// test runs it into a temp folder and compares, so committed output can never go stale.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@hey-api/openapi-ts';
import openapiTS, { astToString } from 'openapi-typescript';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = join(root, 'openapi.yaml');
/**
 * Marks every `z.*(...)` call of the generated schemas `#__PURE__` (a pure annotation comment), so a bundler drops the
 * schemas an app never uses (zod's builders are pure; without the mark a bundler must keep
 * every top-level call in case it has side effects).
 */
export const markPure = (source) =>
  source.replace(/(?<![\w.$])z\.((?:\w+\.)*\w+)\(/g, '/*#__PURE__*/ z.$1(');

const header = (tool) =>
  `// generated - do not edit. Source: openapi.yaml, by ${tool}. Run \`pnpm generate\`.\n/* eslint-disable */\n\n`;

// The zod plugin drops `minProperties`/`maxProperties` (e.g. Metadata's 16 entries) and
// `uniqueItems` (a token's scopes), so a validator would accept what the spec refuses. They
// are added here as checks on the named component; one anywhere else fails generation rather
// than go unenforced.
function withCountsAndUniqueness(zod, document) {
  let out = zod;
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    const checks = [];
    if (schema.minProperties !== undefined) {
      const n = schema.minProperties;
      checks.push(
        `z.refine((value) => Object.keys(value).length >= ${n}, 'expected at least ${n} entries')`,
      );
    }
    if (schema.uniqueItems === true) {
      checks.push(
        `z.refine((value) => new Set(value).size === value.length, 'expected each item once')`,
      );
    }
    if (schema.maxProperties !== undefined) {
      const n = schema.maxProperties;
      checks.push(
        `z.refine((value) => Object.keys(value).length <= ${n}, 'expected at most ${n} entries')`,
      );
    }
    if (checks.length === 0) continue;
    const line = new RegExp(`^(export const z${name} = )(.*);$`, 'm');
    if (!line.test(out)) throw new Error(`generate: no one-line validator z${name} to limit`);
    out = out.replace(
      line,
      (_, start, expression) => `${start}${expression}.check(${checks.join(', ')});`,
    );
  }
  // What is left once every component's own counts are set aside must have none.
  const rest = JSON.stringify(document, function (_key, value) {
    if (this === document.components.schemas && value && typeof value === 'object') {
      const { minProperties, maxProperties, uniqueItems, ...others } = value;
      return others;
    }
    return value;
  });
  if (/"(min|max)Properties"|"uniqueItems"/.test(rest)) {
    throw new Error(
      'generate: minProperties/maxProperties/uniqueItems is only supported on a component schema',
    );
  }
  return out;
}

/** Writes the generated files into `outDir` (default: src/generated). */
export async function generate(outDir = join(root, 'src', 'generated')) {
  await mkdir(outDir, { recursive: true });

  const ast = await openapiTS(new URL(`file://${spec}`), { exportType: true });
  await writeFile(join(outDir, 'types.gen.ts'), header('openapi-typescript') + astToString(ast));

  const scratch = join(tmpdir(), `agent-sessions-zod-${process.pid}-${Date.now()}`);
  try {
    await createClient({
      input: spec,
      output: { path: scratch },
      logs: { level: 'silent' },
      // RFC 3339 allows a numeric offset (`+02:00`) as well as `Z`.
      plugins: [
        { name: 'zod', compatibilityVersion: 'mini', metadata: false, dates: { offset: true } },
      ],
    });
    const zod = await readFile(join(scratch, 'zod.gen.ts'), 'utf8');
    const document = parse(await readFile(spec, 'utf8'));
    await writeFile(
      join(outDir, 'zod.gen.ts'),
      header('@hey-api/openapi-ts (zod plugin, zod/mini)') +
        markPure(
          isoFromItsModule(
            keepUnknownResponseFields(
              withCountsAndUniqueness(
                zod.replace(/^\/\/ This file is auto-generated.*\n+/m, ''),
                document,
              ),
            ),
          ),
        ),
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const document = parse(await readFile(spec, 'utf8'));
  await writeFile(
    join(outDir, 'operations.gen.ts'),
    header('scripts/generate.mjs') + operationTable(document),
  );
  await writeFile(
    join(outDir, 'session-states.gen.ts'),
    header('scripts/generate.mjs') + terminalStatesModule(document),
  );
  await writeFile(
    join(outDir, 'event-data.gen.ts'),
    header('scripts/generate.mjs') + eventDataModule(document),
  );
}

/**
 * The terminal states as the spec lists them (`x-terminal` on `KnownSessionState`), checked
 * against `x-transitions`: a terminal state has no transition out of it and every other known
 * state has one, so the two lists can never disagree. Throws naming the states that disagree.
 */
export function terminalStates(document) {
  const known = document.components.schemas.KnownSessionState;
  const terminal = known['x-terminal'];
  if (!Array.isArray(terminal) || terminal.length === 0) {
    throw new Error('generate: KnownSessionState has no x-terminal list');
  }
  const unknown = terminal.filter((state) => !known.enum.includes(state));
  if (unknown.length > 0) {
    throw new Error(`generate: x-terminal names states KnownSessionState lacks: ${unknown}`);
  }
  const transitions = known['x-transitions'] ?? [];
  const strangers = transitions
    .flatMap((transition) => [transition.from, transition.to])
    .filter((state) => state !== null && !known.enum.includes(state));
  if (strangers.length > 0) {
    throw new Error(`generate: x-transitions names states KnownSessionState lacks: ${strangers}`);
  }
  const leave = new Set(transitions.map((transition) => transition.from));
  const leftTerminal = terminal.filter((state) => leave.has(state));
  if (leftTerminal.length > 0) {
    throw new Error(
      `generate: x-terminal states have transitions out of them in x-transitions: ${leftTerminal}`,
    );
  }
  const stuck = known.enum.filter((state) => !leave.has(state) && !terminal.includes(state));
  if (stuck.length > 0) {
    throw new Error(
      `generate: states with no transition out of them are missing from x-terminal: ${stuck}`,
    );
  }
  return known.enum.filter((state) => terminal.includes(state));
}

function terminalStatesModule(document) {
  const states = terminalStates(document).map((state) => `'${state}'`);
  return [
    "import type { components } from './types.gen.js';",
    '',
    "type KnownSessionState = components['schemas']['KnownSessionState'];",
    '',
    "/** The states a session never leaves (the spec's `x-terminal`, checked against its `x-transitions`). */",
    `export const TERMINAL_STATES: readonly KnownSessionState[] = [${states.join(', ')}];`,
    '',
  ].join('\n');
}

const refName = (ref) => ref.slice(ref.lastIndexOf('/') + 1);

/**
 * Each known event type and the name of its payload schema, read from `KnownEvent`'s
 * discriminator: the mapped `*Event` schema's `type` const and `data` reference. Throws when the
 * mapping, the `oneOf`, the `*Event` schemas and `KnownEventType` do not name the same types.
 */
export function eventDataSchemaNames(document) {
  const { schemas } = document.components;
  const knownEvent = schemas.KnownEvent;
  const mapping = knownEvent.discriminator?.mapping ?? {};
  const types = schemas.KnownEventType.enum;
  const mapped = Object.keys(mapping);
  const missing = types.filter((type) => !mapped.includes(type));
  const extra = mapped.filter((type) => !types.includes(type));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `generate: KnownEvent's discriminator mapping and KnownEventType differ (missing: ${missing}; not a known type: ${extra})`,
    );
  }
  const members = new Set(knownEvent.oneOf.map((member) => member.$ref));
  const entries = types.map((type) => {
    const ref = mapping[type];
    if (!members.has(ref)) {
      throw new Error(`generate: KnownEvent's oneOf lacks ${ref}, mapped from ${type}`);
    }
    const part = schemas[refName(ref)]?.allOf?.find((member) => member.properties?.type);
    if (part?.properties.type.const !== type) {
      throw new Error(`generate: ${refName(ref)} is not the event of type ${type}`);
    }
    const data = part.properties.data?.$ref;
    if (!data) throw new Error(`generate: ${refName(ref)} names no data schema`);
    return [type, refName(data)];
  });
  if (members.size !== types.length) {
    throw new Error("generate: KnownEvent's oneOf has members no known type maps to");
  }
  return entries;
}

function eventDataModule(document) {
  const entries = eventDataSchemaNames(document);
  const names = [...new Set(entries.map(([, name]) => name))].sort();
  return [
    `import type { components } from './types.gen.js';`,
    `import { ${names.map((name) => `z${name}`).join(', ')} } from './zod.gen.js';`,
    '',
    '/** The payload (`data`) of each known event type. */',
    'export interface EventDataMap {',
    ...entries.map(([type, name]) => `  ${type}: components['schemas']['${name}'];`),
    '}',
    '',
    '/** The payload schema of each known event type, keyed by the type it validates. */',
    'export const EVENT_DATA_SCHEMAS = {',
    ...entries.map(([type, name]) => `  ${type}: z${name},`),
    '} as const;',
    '',
  ].join('\n');
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Every operation as data a server routes and checks by: its method, path template (and its
 * segments), whether it names a session, its JSON body's schema, whether it takes an
 * Idempotency-Key, and its query parameters with the bounds the spec gives them (a query string
 * carries text; a server converts the integer ones before checking them). The mock server
 * routes by it, and the server package's handler allows exactly these operations.
 */
export function operationTable(document) {
  const deref = (node) => {
    if (!node || typeof node.$ref !== 'string') return node;
    return deref(
      node.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce((at, key) => at?.[key], document),
    );
  };
  const rows = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map(deref);
      const pathParams = params.filter((param) => param.in === 'path').map((param) => param.name);
      for (const name of pathParams) {
        if (name !== 'session_id') throw new Error(`generate: path parameter ${name} not handled`);
      }
      const query = params
        .filter((param) => param.in === 'query')
        .map((param) => {
          const schema = deref(param.schema) ?? {};
          if (schema.type !== 'integer' && schema.type !== 'string') {
            throw new Error(`generate: query.${param.name} has type ${schema.type}, not handled`);
          }
          const bounds = {};
          for (const key of ['minimum', 'maximum', 'minLength', 'maxLength']) {
            if (schema[key] !== undefined) bounds[key] = schema[key];
          }
          return { name: param.name, type: schema.type, ...bounds };
        });
      const body = operation.requestBody?.content?.['application/json']?.schema;
      const row = {
        operationId: operation.operationId,
        method: method.toUpperCase(),
        path,
        segments: path.split('/').filter(Boolean),
        sessionScoped: pathParams.includes('session_id'),
        body: body ? (body.$ref ?? '').split('/').pop() || 'inline' : null,
        idempotencyKey: params.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'),
        query,
      };
      rows.push(`  ${operation.operationId}: ${JSON.stringify(row)},`);
    }
  }
  return [
    '/**',
    ' * Every operation of the spec by `operationId`, in document order: method, path template and',
    ' * its segments, whether it names a session, its JSON body schema, whether it takes an',
    ' * Idempotency-Key, and its query parameters with their bounds.',
    ' */',
    'export const OPERATIONS = {',
    ...rows,
    '} as const;',
    '',
  ].join('\n');
}

/**
 * `z.iso.datetime(...)` becomes the same call through zod's own named exports: `z.iso` is a
 * namespace object, which a bundler keeps whole (every ISO format and its regexes) once one
 * member is used, and that costs a page about 0.3 kB gzipped.
 */
export function isoFromItsModule(source) {
  if (!source.includes('z.iso.datetime(')) return source;
  if (/z\.iso\.(?!datetime\()/.test(source)) {
    throw new Error('generate: only z.iso.datetime is rewritten; add the other z.iso formats');
  }
  const imports = `import * as z from 'zod/mini';\n`;
  if (!source.includes(imports)) throw new Error('generate: no zod/mini import to extend');
  return source
    .replace(
      imports,
      `${imports}import { ZodMiniISODateTime } from 'zod/mini';\nimport { _isoDateTime } from 'zod/v4/core';\n`,
    )
    .replaceAll('z.iso.datetime(', '/*#__PURE__*/ _isoDateTime(ZodMiniISODateTime, ');
}

/**
 * Response schemas keep the fields a newer server adds (`z.looseObject`): clients must surface
 * them. The generator emits `z.object` (which drops them) whatever `additionalProperties`
 * says, so every object schema outside the request side (bodies, queries, headers, paths) is
 * rewritten here; request bodies stay strict through `requestSchemas`.
 */
function keepUnknownResponseFields(source) {
  return source
    .split(/(?=^export const )/m)
    .map((declaration) =>
      /^export const z\w+(Request|Body|Query|Headers|Path) /.test(declaration)
        ? declaration
        : declaration.replaceAll('z.object(', 'z.looseObject('),
    )
    .join('');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await generate(process.argv[2] ? resolve(process.argv[2]) : undefined);
}
