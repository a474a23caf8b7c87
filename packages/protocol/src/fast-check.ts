import type * as z from 'zod/mini';

/** A compiled yes/no check: true only when the schema would accept the value unchanged. */
export type Check = (value: unknown) => boolean;

interface Def {
  type: string;
  checks?: unknown[];
  shape?: Record<string, z.ZodMiniType>;
  catchall?: z.ZodMiniType;
  keyType?: z.ZodMiniType;
  valueType?: z.ZodMiniType;
  innerType?: z.ZodMiniType;
  element?: z.ZodMiniType;
  options?: z.ZodMiniType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

const defOf = (schema: z.ZodMiniType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The check for what this compiler does not know: always "not sure", so the caller runs
 * zod's public `safeParse` (the compiler reads zod's internals, `_zod.def` and `_zod.run`,
 * which a newer zod in the user's tree may change; then it steps aside rather than guess).
 */
const publicParse: Check = () => false;

/** The def types the compiler walks, or leaves to `_zod.run`, as zod 4 defines them. */
const KNOWN_TYPES = new Set([
  'unknown',
  'boolean',
  'literal',
  'enum',
  'nullable',
  'optional',
  'union',
  'array',
  'record',
  'object',
  'string',
  'number',
  'int',
  'bigint',
  'null',
  'undefined',
  'any',
  'date',
  'template_literal',
  'pipe',
  'default',
  'prefault',
  'catch',
  'tuple',
  'intersection',
  'lazy',
]);

/** True when `schema` has the internals this compiler reads, in the shape it expects. */
function looksKnown(schema: unknown): boolean {
  const zod = (schema as { _zod?: { def?: Def; run?: unknown } } | null)?._zod;
  const def = zod?.def;
  if (typeof zod?.run !== 'function' || typeof def?.type !== 'string') return false;
  if (!KNOWN_TYPES.has(def.type)) return false;
  return (def.checks ?? []).every(
    (check) => typeof (check as { _zod?: { check?: unknown } })?._zod?.check === 'function',
  );
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The leaf check: the schema itself, run directly (no result object). Used for strings,
 * numbers and anything with its own checks or shape this compiler does not walk.
 */
function leaf(schema: z.ZodMiniType): Check {
  const run = (
    schema as unknown as {
      _zod: { run: (p: unknown, c: unknown) => { issues: unknown[]; value: unknown } };
    }
  )._zod.run;
  const ctx = { async: false };
  return (value) => {
    const payload = run({ value, issues: [] }, ctx);
    // A changed value (a default filled in, fields stripped) is not "accepted as it is"; an
    // answer of another shape (a promise, no issue list) leaves it to the public parse.
    return Array.isArray(payload?.issues) && payload.issues.length === 0 && payload.value === value;
  };
}

/** The schema's own checks (e.g. Metadata's entry count), run on a value whose shape passed. */
function ownChecks(schema: z.ZodMiniType, shape: Check): Check {
  const checks = (defOf(schema).checks ?? []) as { _zod: { check(payload: unknown): void } }[];
  return (value) => {
    if (!shape(value)) return false;
    const payload = { value, issues: [] as unknown[] };
    for (const check of checks) check._zod.check(payload);
    return payload.issues.length === 0;
  };
}

const cache = new WeakMap<z.ZodMiniType, Check>();

/**
 * Compiles a response schema, once, into a plain function that walks objects, arrays,
 * unions and enums itself and leaves the leaves to zod: zod/mini's objects are not JIT
 * compiled, and their per-key bookkeeping is most of the cost of validating a response.
 * It answers true only when the schema accepts the value as it is (a loose object keeps
 * every field, so its output equals its input); on false, the caller runs the schema for
 * the issues. A schema that strips or refuses unknown fields is always left to zod.
 */
export function compileCheck(schema: z.ZodMiniType): Check {
  const cached = cache.get(schema);
  if (cached) return cached;
  const check = build(schema);
  cache.set(schema, check);
  return check;
}

function build(schema: z.ZodMiniType): Check {
  if (!looksKnown(schema)) return publicParse;
  try {
    return compileKnown(schema);
  } catch {
    // Internals that looked right but were not (an inner schema of another shape).
    return publicParse;
  }
}

function compileKnown(schema: z.ZodMiniType): Check {
  const def = defOf(schema);
  const hasChecks = def.checks !== undefined && def.checks.length > 0;
  if (hasChecks) {
    return def.type === 'object' || def.type === 'record'
      ? ownChecks(schema, structure(schema, def))
      : leaf(schema);
  }
  return structure(schema, def);
}

function structure(schema: z.ZodMiniType, def: Def): Check {
  switch (def.type) {
    case 'unknown':
      return () => true;
    case 'boolean':
      return (value) => typeof value === 'boolean';
    case 'literal': {
      const values = def.values ?? [];
      return (value) => values.includes(value);
    }
    case 'enum': {
      const values = Object.values(def.entries ?? {});
      return (value) => values.includes(value);
    }
    case 'nullable': {
      const inner = compileCheck(def.innerType as z.ZodMiniType);
      return (value) => value === null || inner(value);
    }
    case 'optional': {
      const inner = compileCheck(def.innerType as z.ZodMiniType);
      return (value) => value === undefined || inner(value);
    }
    case 'union': {
      const options = (def.options ?? []).map(compileCheck);
      return (value) => options.some((option) => option(value));
    }
    case 'array': {
      const element = compileCheck(def.element as z.ZodMiniType);
      return (value) => Array.isArray(value) && value.every((item) => element(item));
    }
    case 'record': {
      if (!looksKnown(def.keyType) || defOf(def.keyType as z.ZodMiniType).type !== 'string')
        return leaf(schema);
      const item = compileCheck(def.valueType as z.ZodMiniType);
      return (value) => {
        if (!isPlainObject(value)) return false;
        for (const key in value) if (!item(value[key])) return false;
        return true;
      };
    }
    case 'object': {
      // Only a loose object's output is its input; others strip or refuse fields.
      if (!def.catchall || !looksKnown(def.catchall) || defOf(def.catchall).type !== 'unknown')
        return leaf(schema);
      const fields = Object.entries(def.shape ?? {}).map(([key, field]) => {
        const optional =
          (field as unknown as { _zod: { optin?: string } })._zod.optin === 'optional';
        return { key, optional, check: compileCheck(field) };
      });
      return (value) => {
        if (!isPlainObject(value)) return false;
        for (const { key, optional, check } of fields) {
          const field = value[key];
          if (field === undefined ? !optional : !check(field)) return false;
        }
        return true;
      };
    }
    default:
      return leaf(schema);
  }
}
