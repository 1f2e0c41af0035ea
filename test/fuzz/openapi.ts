/**
 * The API's own OpenAPI document (GET /docs-json) as the source of generated requests and of the
 * checks on their answers. Requests: path ids, query strings and bodies drawn with fast-check from
 * each operation's parameters and request schema, valid and hostile (wrong types, null, missing and
 * extra fields, huge, unicode, lone surrogates, NULs, invalid JSON, other content types). Checks:
 * never a 5xx, never a hang; the status is one the operation documents; every 4xx body carries a
 * string `message`; every 2xx JSON body matches the documented schema, read strictly (an object
 * may not carry keys its schema does not list).
 *
 * Written here rather than taken from an OpenAPI fuzzer: the npm ones are unmaintained or need a
 * running HTTP server and Python; this one drives Fastify's inject and knows our fixtures' ids.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
  /** Statuses any operation may answer (a malformed body, one too large), described once. */
  'x-common-responses'?: Record<string, string>;
}

export interface Operation {
  operationId: string;
  security?: Array<Record<string, string[]>>;
  parameters?: Array<{ name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema?: Schema }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  example?: unknown;
  [key: string]: unknown;
};

export interface OperationRef {
  method: string;
  path: string;
  operation: Operation;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'];

export function operationsOf(doc: OpenApiDocument): OperationRef[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

export function resolve(doc: OpenApiDocument, schema: Schema | undefined): Schema {
  if (!schema) return {};
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolve(doc, doc.components.schemas[name]);
  }
  return schema;
}

// ---------------------------------------------------------------------------------------------
// Values

/** Strings that have broken parsers and databases elsewhere. */
const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  '😀',
  '\u202e',
  'Ω≈ç√',
  '%00',
  '%',
  '_',
  '\\',
  "'; drop table users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '{{7*7}}',
  '${jndi:ldap://x}',
  'null',
  'true',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(40),
  'x'.repeat(5_000),
];

export const nastyString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
);

/** Any JSON-ish value of the wrong kind, for a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53, -(2 ** 63), 1e308, 0.5, -0.0),
  nastyString,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
  fc.constant({ $gt: '' }),
);

/** A value the schema allows (the generator stays small: strings up to 60 characters). */
export function validValue(doc: OpenApiDocument, raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const schema = resolve(doc, raw);
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants?.length) return fc.oneof(...variants.map((variant) => validValue(doc, variant, depth + 1)));
  if (schema.allOf?.length) return validValue(doc, schema.allOf[0], depth + 1);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  const base = ((): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string': {
        if (schema.format === 'date-time') {
          return fc
            .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
            .map((d) => d.toISOString());
        }
        if (schema.format === 'email') return fc.emailAddress();
        const maxLength = Math.min(schema.maxLength ?? 60, 60);
        const minLength = Math.min(schema.minLength ?? 0, maxLength);
        const sample = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
        return fc.oneof(...sample, fc.string({ minLength, maxLength }));
      }
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 10_000, 2 ** 31 - 1) });
      case 'number':
        return fc.oneof(
          fc.integer({ min: schema.minimum ?? -5, max: Math.min(schema.maximum ?? 10_000, 2 ** 31 - 1) }),
          fc.double({ min: schema.minimum ?? -5, max: schema.maximum ?? 1e10, noNaN: true }),
        );
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 3
          ? fc.constant([])
          : fc.array(validValue(doc, schema.items, depth + 1), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
      case 'object':
      case undefined: {
        if (!schema.properties) return depth > 2 ? fc.constant({}) : fc.jsonValue({ maxDepth: 1 });
        const record: Record<string, fc.Arbitrary<unknown>> = {};
        for (const [key, property] of Object.entries(schema.properties)) {
          record[key] = validValue(doc, property, depth + 1);
        }
        return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in record) });
      }
      default:
        return fc.jsonValue({ maxDepth: 1 });
    }
  })();
  return schema.nullable ? fc.option(base, { nil: null, freq: 8 }) : base;
}

// ---------------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  method: string;
  url: string;
  auth: string;
  headers: Record<string, string>;
  payload?: string;
  /** How the body was made, for the failure report. */
  bodyKind: string;
}

export interface Fixtures {
  /** Callers by role, each with a valid access token (and refresh token). */
  tokens: Record<string, string>;
  /** Known-good values for path parameters, by name. */
  pathValues: Record<string, string[]>;
  /** Known-good values for query parameters, by name (else generated). */
  queryValues: Record<string, string[]>;
}

const HOSTILE_PATH_SEGMENTS = [
  '0',
  '-1',
  '1.5',
  '1e3',
  'abc',
  '2147483648',
  '99999999999999999999',
  '00001',
  '%20',
  '%00',
  '%E2%82%AC',
  '%F0%9F%98%80',
  '%ED%A0%80',
  // (no '..': clients resolve dot segments before sending, so it names another route)
  '%2F',
  'null',
  'x'.repeat(300),
];

function pathValue(name: string, fixtures: Fixtures): fc.Arbitrary<string> {
  const known = fixtures.pathValues[name] ?? [];
  const hostile = fc.oneof(
    fc.constantFrom(...HOSTILE_PATH_SEGMENTS),
    fc.integer({ min: -5, max: 2 ** 31 + 5 }).map(String),
    nastyString.filter((text) => text.length > 0).map((text) => encodeURIComponent(text.toWellFormed())),
  );
  return known.length
    ? fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: hostile })
    : hostile;
}

const QUERY_VALUES = ['1', '2', '10', '50', '0', '-1', 'true', 'false', 'mentor', 'mentee', 'open', 'resolved', 'all'];

function queryValue(name: string, fixtures: Fixtures): fc.Arbitrary<string> {
  const known = fixtures.queryValues[name] ?? [];
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known, ...QUERY_VALUES) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 2, arbitrary: nastyString },
  );
}

function queryString(operation: Operation, fixtures: Fixtures): fc.Arbitrary<string> {
  const params = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const entries = params.map((param) =>
    fc.option(
      fc.oneof(
        { weight: 5, arbitrary: queryValue(param.name, fixtures).map((value) => [[param.name, value]]) },
        // The same parameter twice (Flask takes the first).
        {
          weight: 1,
          arbitrary: fc.tuple(queryValue(param.name, fixtures), queryValue(param.name, fixtures)).map(([a, b]) => [
            [param.name, a],
            [param.name, b],
          ]),
        },
      ),
      { freq: 2 },
    ),
  );
  const extra = fc.option(
    fc
      .tuple(fc.constantFrom('unknown', 'page[]', '__proto__', 'constructor', 'a'.repeat(200)), nastyString)
      .map((pair) => [pair]),
    { freq: 4 },
  );
  return fc.tuple(fc.tuple(...entries), extra).map(([chosen, more]) => {
    const pairs = [...chosen.filter((x) => x !== null).flat(), ...(more ?? [])] as Array<[string, string]>;
    if (pairs.length === 0) return '';
    return `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v.toWellFormed())}`).join('&')}`;
  });
}

interface Body {
  kind: string;
  payload?: string;
  contentType?: string;
}

const INVALID_JSON = [
  '{',
  '{"a":',
  '{"a":1}}',
  "{'a': 1}",
  '[1,]',
  '\u0000',
  'undefined',
  '{"a":"\\ud800"}',
  '{"__proto__":{"x":1}}',
];

function body(doc: OpenApiDocument, operation: Operation): fc.Arbitrary<Body> {
  const schema = operation.requestBody?.content['application/json']?.schema;
  const json = (kind: string) => (value: unknown) => ({
    kind,
    payload: JSON.stringify(value),
    contentType: 'application/json',
  });
  const none = fc.constant<Body>({ kind: 'none' });
  const generic = [
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map(json('any json')) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(...INVALID_JSON)
        .map((payload) => ({ kind: 'invalid json', payload, contentType: 'application/json' })),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'text/plain', payload: 'hello', contentType: 'text/plain' }) },
  ];
  if (!schema) return fc.oneof({ weight: 6, arbitrary: none }, ...generic);
  const resolved = resolve(doc, schema);
  const keys = Object.keys(resolved.properties ?? {});
  const valid = validValue(doc, schema) as fc.Arbitrary<Record<string, unknown>>;
  const withField = (mutate: (value: Record<string, unknown>, key: string, hostile: unknown) => void) =>
    fc
      .tuple(valid, keys.length ? fc.constantFrom(...keys) : fc.constant('x'), hostileValue)
      .map(([value, key, hostile]) => {
        const copy = typeof value === 'object' && value !== null && !Array.isArray(value) ? { ...value } : {};
        mutate(copy, key, hostile);
        return copy;
      });
  return fc.oneof(
    { weight: 8, arbitrary: valid.map(json('valid')) },
    { weight: 4, arbitrary: withField((value, key, hostile) => (value[key] = hostile)).map(json('one field hostile')) },
    { weight: 2, arbitrary: withField((value, key) => delete value[key]).map(json('one field missing')) },
    {
      weight: 1,
      arbitrary: withField((value, _key, hostile) => (value[`extra_${typeof hostile}`] = hostile)).map(
        json('extra field'),
      ),
    },
    {
      weight: 1,
      arbitrary: fc.constant(keys[0] ?? 'x').map((key) => ({
        kind: 'huge (2 MB)',
        payload: JSON.stringify({ [key]: 'x'.repeat(2 * 1024 * 1024) }),
        contentType: 'application/json',
      })),
    },
    { weight: 1, arbitrary: none },
    ...generic,
  );
}

/** Callers, the relation's parties and the admin most often, so that many requests get past the guard. */
const AUTH_KINDS = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('mentor', 'mentee') },
  { weight: 1, arbitrary: fc.constantFrom('admin') },
  { weight: 1, arbitrary: fc.constantFrom('outsider', 'none', 'garbage', 'refresh') },
);

/** One generated request for `ref`. */
export function requestFor(doc: OpenApiDocument, ref: OperationRef, fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  const pathParams = (ref.operation.parameters ?? []).filter((p) => p.in === 'path');
  const pathArb = fc
    .tuple(...pathParams.map((param) => pathValue(param.name, fixtures)))
    .map((values) => pathParams.reduce((path, param, i) => path.replace(`{${param.name}}`, values[i]), ref.path));
  return fc
    .record({
      path: pathParams.length ? pathArb : fc.constant(ref.path),
      query: queryString(ref.operation, fixtures),
      body: body(doc, ref.operation),
      auth: AUTH_KINDS,
    })
    .map(({ path, query, body: made, auth }) => {
      const headers: Record<string, string> = {};
      if (auth === 'garbage') headers.authorization = 'Bearer not.a.token';
      else if (auth !== 'none') headers.authorization = `Bearer ${fixtures.tokens[auth]}`;
      if (made.contentType) headers['content-type'] = made.contentType;
      return {
        method: ref.method,
        url: path + query,
        auth,
        headers,
        payload: made.payload,
        bodyKind: made.kind,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Checks

/** Object schemas closed (no keys beyond `properties`) unless they say otherwise. */
function closed(doc: OpenApiDocument, raw: Schema | undefined, seen = new Set<string>()): Schema {
  if (!raw) return {};
  if (raw.$ref) {
    const name = raw.$ref.replace('#/components/schemas/', '');
    if (seen.has(name)) return {};
    return closed(doc, doc.components.schemas[name], new Set([...seen, name]));
  }
  const schema: Schema = { ...raw };
  delete schema.example;
  if (schema.properties) {
    schema.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, closed(doc, value, seen)]),
    );
    if (schema.additionalProperties === undefined) schema.additionalProperties = false;
  }
  if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    schema.additionalProperties = closed(doc, schema.additionalProperties, seen);
  }
  if (schema.items) schema.items = closed(doc, schema.items, seen);
  for (const key of ['oneOf', 'anyOf', 'allOf'] as const) {
    if (schema[key]) schema[key] = schema[key].map((part) => closed(doc, part, seen));
  }
  return schema;
}

export class ResponseChecker {
  private readonly ajv = new Ajv({ strict: false, allErrors: false });
  private readonly validators = new Map<string, ValidateFunction | null>();

  constructor(private readonly doc: OpenApiDocument) {
    addFormats(this.ajv);
  }

  /** Why this answer breaks the contract, or null when it keeps it. */
  problem(ref: OperationRef, status: number, contentType: string | undefined, text: string): string | null {
    if (status >= 500) return `${status}: ${text.slice(0, 300)}`;
    const documented = String(status) in ref.operation.responses;
    if (!documented && !(String(status) in (this.doc['x-common-responses'] ?? {}))) {
      return `status ${status} is not documented: ${text.slice(0, 200)}`;
    }
    const isJson = (contentType ?? '').includes('application/json');
    let body: unknown;
    if (isJson) {
      try {
        body = JSON.parse(text);
      } catch {
        return `answered invalid JSON: ${text.slice(0, 200)}`;
      }
    }
    const validate = this.validatorFor(ref, status);
    if (status >= 400) {
      // A documented error shape (the reference's `[]` for an unknown relation_state, flask-restx's
      // {errors, message}) is checked as documented; any other error must carry a string message.
      if (validate) {
        if (!isJson || !validate(body)) {
          return `${status} body does not match its schema: ${this.ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`;
        }
        return null;
      }
      if (!isJson || typeof (body as { message?: unknown })?.message !== 'string') {
        return `${status} without a string "message": ${text.slice(0, 200)}`;
      }
      return null;
    }
    if (validate && isJson && !validate(body)) {
      return `${status} body does not match its schema: ${this.ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`;
    }
    return null;
  }

  private validatorFor(ref: OperationRef, status: number): ValidateFunction | null {
    const key = `${ref.method} ${ref.path} ${status}`;
    if (!this.validators.has(key)) {
      const schema = ref.operation.responses[String(status)]?.content?.['application/json']?.schema;
      this.validators.set(key, schema ? this.ajv.compile(closed(this.doc, schema)) : null);
    }
    return this.validators.get(key)!;
  }
}
