// A zod schema compiled into a plain function that accepts what the schema accepts and returns
// what it would output, for the few hot paths that check hundreds of thousands of records (the
// initial sync checks every record of the facility). The zod schema stays the one definition:
// the compiler reads it (its definition objects, zod 4's `_zod.def`), knows only the handful of
// constructs our records use, and answers null for anything else, so that schema is checked by
// zod itself. A compiled check never explains a refusal: its callers then ask zod, which
// decides and says why (so a compiled check that refused too much would cost time, never a
// record). compiled-check.test.ts holds it to zod's verdict and output on valid, broken and
// random records of every kind.
import type { z } from 'zod';

/** What a compiled check returns for a value the schema would refuse. */
export const REFUSED: unique symbol = Symbol('refused');

/** The schema's output for `input`, or REFUSED. */
export type CompiledCheck = (input: unknown) => unknown;

/**
 * An object schema compiled to write its fields' outputs, in shape order, after what `into`
 * already holds: no object per record. False when the schema would refuse the input (`into` may
 * then hold some of its fields).
 */
export type CompiledFieldsCheck = (input: unknown, into: unknown[]) => boolean;

/** The parts of zod 4's definitions the compiler reads. */
interface SchemaInternals {
  readonly _zod: {
    readonly def: {
      readonly type: string;
      readonly format?: string;
      readonly pattern?: RegExp;
      readonly coerce?: boolean;
      readonly checks?: readonly CheckInternals[];
      readonly innerType?: z.ZodType;
      readonly element?: z.ZodType;
      readonly shape?: Readonly<Record<string, z.ZodType>>;
      readonly catchall?: z.ZodType;
    };
    readonly values?: ReadonlySet<unknown>;
    readonly optin?: string;
    readonly optout?: string;
  };
}

interface CheckInternals {
  readonly _zod: {
    readonly def: {
      readonly check: string;
      readonly format?: string;
      readonly pattern?: RegExp;
      readonly minimum?: number;
      readonly maximum?: number;
      readonly value?: unknown;
      readonly inclusive?: boolean;
      readonly tx?: (value: unknown) => unknown;
      readonly when?: { readonly name: string };
    };
  };
}

/** One step of a string's checks, in the schema's order (an overwrite changes what follows). */
type StringStep =
  | { readonly kind: 'min'; readonly length: number }
  | { readonly kind: 'max'; readonly length: number }
  | { readonly kind: 'pattern'; readonly pattern: RegExp }
  | { readonly kind: 'overwrite'; readonly tx: (value: unknown) => unknown };

/** Formats whose zod check is exactly a test of `def.pattern`. */
const PATTERN_FORMATS = new Set(['regex', 'date', 'datetime']);

/**
 * A check may run only under a condition. zod gives its length checks one (the value has a
 * length), which always holds once the value is known to be a string or an array; any other
 * condition is not compiled.
 */
function unconditional(check: CheckInternals['_zod']['def']): boolean {
  return check.when === undefined || check.when.name === '_whenHasLength';
}

/** A pattern whose test() keeps no state between calls (zod resets lastIndex; this needs none). */
function isPlainPattern(pattern: unknown): pattern is RegExp {
  return pattern instanceof RegExp && !pattern.global && !pattern.sticky;
}

function definition(schema: z.ZodType): SchemaInternals['_zod']['def'] {
  return (schema as unknown as SchemaInternals)._zod.def;
}

function stringSteps(schema: z.ZodType): StringStep[] | null {
  const def = definition(schema);
  const steps: StringStep[] = [];
  if (def.format !== undefined) {
    // A format schema (z.iso.datetime()) is a string whose own check is its pattern.
    if (!PATTERN_FORMATS.has(def.format) || !isPlainPattern(def.pattern)) return null;
    steps.push({ kind: 'pattern', pattern: def.pattern });
  }
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (!unconditional(c)) return null;
    if (c.check === 'min_length' && typeof c.minimum === 'number')
      steps.push({ kind: 'min', length: c.minimum });
    else if (c.check === 'max_length' && typeof c.maximum === 'number')
      steps.push({ kind: 'max', length: c.maximum });
    else if (
      c.check === 'string_format' &&
      c.format !== undefined &&
      PATTERN_FORMATS.has(c.format) &&
      isPlainPattern(c.pattern)
    )
      steps.push({ kind: 'pattern', pattern: c.pattern });
    else if (c.check === 'overwrite' && typeof c.tx === 'function')
      steps.push({ kind: 'overwrite', tx: c.tx });
    else return null;
  }
  return steps;
}

/**
 * A string's length as zod measures it: in code points, a surrogate pair counting once (an emoji
 * is one character of a name, not two).
 */
function codePoints(value: string): number {
  let count = value.length;
  for (let at = 0; at < value.length - 1; at += 1) {
    if ((value.charCodeAt(at) & 0xfc00) === 0xd800 && (value.charCodeAt(at + 1) & 0xfc00) === 0xdc00) {
      count -= 1;
      at += 1;
    }
  }
  return count;
}

function compileString(schema: z.ZodType): CompiledCheck | null {
  const steps = stringSteps(schema);
  if (!steps) return null;
  return (input) => {
    if (typeof input !== 'string') return REFUSED;
    let value: string = input;
    for (let at = 0; at < steps.length; at += 1) {
      const step = steps[at]!;
      switch (step.kind) {
        case 'min':
          if (value.length < step.length) return REFUSED;
          // Only a string of fewer than twice the units can hold fewer code points than asked.
          if (value.length < step.length * 2 && codePoints(value) < step.length) return REFUSED;
          break;
        case 'max':
          if (value.length > step.length && codePoints(value) > step.length) return REFUSED;
          break;
        case 'pattern':
          if (!step.pattern.test(value)) return REFUSED;
          break;
        case 'overwrite':
          value = step.tx(value) as string;
          if (typeof value !== 'string') return REFUSED;
          break;
      }
    }
    return value;
  };
}

function compileNumber(schema: z.ZodType): CompiledCheck | null {
  const def = definition(schema);
  // z.int() is the 'safeint' format; a plain z.number() takes any finite number.
  if (def.format !== undefined && def.format !== 'safeint') return null;
  const integer = def.format === 'safeint';
  const bounds: { readonly above: number; readonly inclusive: boolean; readonly lower: boolean }[] = [];
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (c.when !== undefined || typeof c.value !== 'number') return null;
    if (c.check === 'greater_than')
      bounds.push({ above: c.value, inclusive: c.inclusive === true, lower: true });
    else if (c.check === 'less_than')
      bounds.push({ above: c.value, inclusive: c.inclusive === true, lower: false });
    else return null;
  }
  return (input) => {
    if (typeof input !== 'number') return REFUSED;
    if (integer ? !Number.isSafeInteger(input) : !Number.isFinite(input)) return REFUSED;
    for (const bound of bounds) {
      const ok = bound.lower
        ? bound.inclusive
          ? input >= bound.above
          : input > bound.above
        : bound.inclusive
          ? input <= bound.above
          : input < bound.above;
      if (!ok) return REFUSED;
    }
    return input;
  };
}

function compileArray(schema: z.ZodType): CompiledCheck | null {
  const def = definition(schema);
  const element = def.element ? compileCheck(def.element) : null;
  if (!element) return null;
  let min = 0;
  let max = Infinity;
  for (const check of def.checks ?? []) {
    const c = check._zod.def;
    if (!unconditional(c)) return null;
    if (c.check === 'min_length' && typeof c.minimum === 'number') min = Math.max(min, c.minimum);
    else if (c.check === 'max_length' && typeof c.maximum === 'number') max = Math.min(max, c.maximum);
    else return null;
  }
  return (input) => {
    if (!Array.isArray(input)) return REFUSED;
    const output = new Array<unknown>(input.length);
    for (let at = 0; at < input.length; at += 1) {
      const value = element(input[at]);
      if (value === REFUSED) return REFUSED;
      output[at] = value;
    }
    return output.length < min || output.length > max ? REFUSED : output;
  };
}

/**
 * A plain object schema's (unknown keys stripped) check of its fields in shape order, writing
 * their outputs into `into` when given.
 */
function objectFields(
  schema: z.ZodType,
): { keys: string[]; check: (input: unknown, into: unknown[] | null) => boolean } | null {
  const def = definition(schema);
  if (def.type !== 'object' || !def.shape || def.catchall !== undefined || (def.checks?.length ?? 0) > 0)
    return null;
  const keys = Object.keys(def.shape);
  // zod also checks symbol keys and never reads `__proto__`: such a shape is left to it.
  if (Object.getOwnPropertySymbols(def.shape).length > 0 || keys.includes('__proto__')) return null;
  const checks: CompiledCheck[] = [];
  for (const key of keys) {
    const field = def.shape[key]!;
    // A field that may be absent (optional, defaulted) is not compiled; every other field must
    // be present, even one whose schema takes undefined (zod: "expected nonoptional").
    const internals = (field as unknown as SchemaInternals)._zod;
    if (internals.optin !== undefined || internals.optout !== undefined) return null;
    const compiled = compileCheck(field);
    if (!compiled) return null;
    checks.push(compiled);
  }
  const check = (input: unknown, into: unknown[] | null): boolean => {
    if (!isObject(input)) return false;
    for (let at = 0; at < keys.length; at += 1) {
      const key = keys[at]!;
      const given = input[key];
      if (given === undefined && !(key in input)) return false;
      const value = checks[at]!(given);
      if (value === REFUSED) return false;
      into?.push(value);
    }
    return true;
  };
  return { keys, check };
}

function isObject(input: unknown): input is Record<string, unknown> {
  return typeof input === 'object' && input !== null && !Array.isArray(input);
}

/** The check of `schema`, or null when it uses something the compiler does not know. */
export function compileCheck(schema: z.ZodType): CompiledCheck | null {
  const def = definition(schema);
  if (def.coerce === true) return null;
  switch (def.type) {
    case 'string':
      return compileString(schema);
    case 'number':
      return compileNumber(schema);
    case 'boolean':
      return (def.checks?.length ?? 0) > 0 ? null : (input) => (typeof input === 'boolean' ? input : REFUSED);
    case 'enum':
    case 'literal': {
      const values = (schema as unknown as SchemaInternals)._zod.values;
      if (!values || (def.checks?.length ?? 0) > 0) return null;
      return (input) => (values.has(input) ? input : REFUSED);
    }
    case 'unknown':
    case 'any':
      return (def.checks?.length ?? 0) > 0 ? null : (input) => input;
    case 'nullable': {
      const inner = def.innerType ? compileCheck(def.innerType) : null;
      return inner && (def.checks?.length ?? 0) === 0
        ? (input) => (input === null ? null : inner(input))
        : null;
    }
    case 'array':
      return compileArray(schema);
    case 'object': {
      const fields = objectFields(schema);
      if (!fields) return null;
      return (input) => {
        const values: unknown[] = [];
        if (!fields.check(input, values)) return REFUSED;
        const output: Record<string, unknown> = {};
        for (let at = 0; at < fields.keys.length; at += 1) output[fields.keys[at]!] = values[at];
        return output;
      };
    }
    default:
      return null;
  }
}

/** True when the schema's output may differ from its input in more than dropped unknown keys. */
function rewrites(schema: z.ZodType): boolean {
  const def = definition(schema);
  switch (def.type) {
    case 'string':
      return (def.checks ?? []).some((check) => check._zod.def.check === 'overwrite');
    case 'nullable':
      return def.innerType ? rewrites(def.innerType) : true;
    case 'array':
      return def.element ? rewrites(def.element) : true;
    case 'object':
      // A nested object's unknown keys would be dropped from the output but seen in the input.
      return true;
    default:
      return false;
  }
}

/**
 * Whether an object schema accepts `input`, for a schema whose fields come out as they went in
 * (no trim, no nested object): the caller may then read the input's fields as the output's, with
 * no output object made. Null for any other schema, and for one that is not compiled.
 */
export function compileObjectTest(schema: z.ZodType): ((input: unknown) => boolean) | null {
  const fields = objectFields(schema);
  const shape = definition(schema).shape;
  if (!fields || !shape || Object.values(shape).some(rewrites)) return null;
  return (input) => fields.check(input, null);
}

/** An object schema's check writing its fields in shape order (see CompiledFieldsCheck), or null. */
export function compileFieldsCheck(schema: z.ZodType): CompiledFieldsCheck | null {
  const fields = objectFields(schema);
  return fields && ((input, into) => fields.check(input, into));
}
