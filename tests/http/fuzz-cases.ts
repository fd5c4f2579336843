// The abuse the HTTP fuzz test sends, built from the OpenAPI document: plausible inputs from each JSON Schema,
// then one mutation each (wrong type, huge or odd string, bad id, extra or missing field, odd encoding).
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { RawRequest } from './raw';

export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  /** `false` for the contract's strict inputs; a schema (`{}`) where other fields pass (the RADIUS bridge). */
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
}

export interface FuzzOperation {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI path, e.g. `/api/plans/{id}`. */
  path: string;
  pathParams: string[];
  query: Record<string, JsonSchema>;
  /** The JSON body's schema without the path parameters; null for GET and DELETE. */
  body: JsonSchema | null;
}

/** Ids of the seeded rows, by field name (`customerId`) and by the first path segment (`customers`). */
export interface Seeded {
  byField: Record<string, unknown>;
  byResource: Record<string, string>;
}

/** Values that keep a run on this machine even when the rest of the input is valid (no SNMP waits, no backups in `/`). */
const SAFE_VALUES: Record<string, unknown> = {
  host: '127.0.0.1',
  enabled: false,
  retries: 0,
  echoCount: 1,
  timeoutMs: 100,
  backupFolder: '',
  pingReferenceHosts: [],
  startDate: '2026-11-01',
  startsAt: '2026-11-28T00:00:00.000Z',
  endsAt: '2026-11-28T01:00:00.000Z',
};

export const BAD_IDS = ['0', '-1', '0x1', '1e3', '1.0', '01', '+1', '%201', '%00', '..%2F', '..%2F..%2Fetc%2Fpasswd', '99999999999999999999', 'abc', '%F0%9F%92%A9', '%ff', '%', '%zz'];

const WRONG_TYPES: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, 2 ** 53 + 2, '', 'x', '0x1', '1e3', ' 1', [], [null], {}, { a: 1 }, { $gt: '' }];

export const ODD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udc00y',
  'emoji \ud83d',
  '\u202eevil\u202c.exe',
  'مرحبا بالعالم',
  '👩‍👩‍👧‍👦🇮🇩',
  '\ufeffBOM',
  'e\u0301\u0301\u0301',
  '\u200b\u200d',
  '\uffff\ufffe',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
  '\r\n\t\u000b',
  '\'";--',
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
];

/** Values at the edges of the domain's formats: impossible dates, far instants, 32-bit and 53-bit limits, odd times. */
const EDGE_VALUES: unknown[] = [
  '2026-02-30',
  '2026-13-01',
  '0000-01-01',
  '9999-12-31',
  '1970-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-11-28T25:61:00Z',
  '2026-00',
  '9999-12',
  '-0',
  -0,
  2 ** 31,
  -(2 ** 31) - 1,
  Number.MAX_SAFE_INTEGER,
  -Number.MAX_SAFE_INTEGER,
  1e-9,
  '24:00',
  '99:99',
  'Mars/Olympus',
];

const EXTRA_KEYS = ['__proto__', 'constructor', 'prototype', 'isAdmin', 'role', 'passwordHash', 'id ', ''];

function valueOf(schema: JsonSchema | undefined, field: string, seeded: Seeded): fc.Arbitrary<unknown> {
  if (Object.hasOwn(SAFE_VALUES, field)) return fc.constant(SAFE_VALUES[field]);
  if (Object.hasOwn(seeded.byField, field)) return fc.constant(seeded.byField[field]);
  // Half the emails are a real user's (the schema's input side says only "string"): sign-in guesses then meet an
  // account, and a profile or a new user meets a taken address.
  if (field === 'email') return fc.oneof(fc.constant('staff@isp.test'), fc.emailAddress());
  if (!schema) return fc.constant('x');
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return fc.oneof(...options.map((option) => valueOf(option, field, seeded)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? 1_000_000, 1_000_000)) });
    }
    case 'number': {
      const min = schema.minimum ?? schema.exclusiveMinimum ?? 0;
      return fc.double({ min, max: Math.max(min, Math.min(schema.maximum ?? 1e6, 1e6)), noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(valueOf(schema.items, field, seeded), { maxLength: Math.min(schema.maxItems ?? 3, 3) });
    case 'object':
      return objectOf(schema, seeded);
    default:
      return fc.constant('x');
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 200);
    } catch {
      // a pattern fast-check cannot generate from: fall through to plain strings
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 20, 20)) });
}

function objectOf(schema: JsonSchema, seeded: Seeded): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {};
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(properties)) shape[key] = valueOf(property, key, seeded);
  return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
}

/** One request to send, and what it is, for the failure message. */
export interface FuzzCase {
  kind: string;
  request: RawRequest;
  /** Set when no answer but a refusal is right (a JSON type the schema does not admit, an unknown field): why. */
  mustRefuse?: string;
}

/** Whether a value's JSON type is one the schema admits (types only: lengths, ranges and patterns are the server's). */
function admitsType(schema: JsonSchema | undefined, value: unknown): boolean {
  if (!schema) return true;
  const options = schema.anyOf ?? schema.oneOf;
  if (options) return options.some((option) => admitsType(option, value));
  if (schema.const !== undefined) return JSON.stringify(schema.const) === JSON.stringify(value);
  if (schema.enum) return schema.enum.some((item) => JSON.stringify(item) === JSON.stringify(value));
  if (schema.type === undefined) return true;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.some((type) => {
    if (type === 'integer') return Number.isInteger(value);
    if (type === 'null') return value === null;
    if (type === 'array') return Array.isArray(value);
    if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
    return typeof value === type;
  });
}

function pathWith(op: FuzzOperation, seeded: Seeded, override?: string): string {
  const resource = op.path.split('/')[2] ?? '';
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (override !== undefined) return override;
    if (name === 'ifIndex') return '1';
    return seeded.byResource[resource] ?? '999999';
  });
}

/** Percent-encodes like encodeURIComponent, but a lone surrogate becomes its WTF-8 bytes (invalid UTF-8) instead of throwing. */
function percentEncode(text: string): string {
  let encoded = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const bytes = code >= 0xd800 && code <= 0xdfff ? Buffer.from([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]) : Buffer.from(char, 'utf8');
    encoded += /^[A-Za-z0-9\-_.!~*'()]$/.test(char) ? char : [...bytes].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
  }
  return encoded;
}

function queryString(query: Record<string, unknown>): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${percentEncode(key)}=${percentEncode(typeof value === 'string' ? value : JSON.stringify(value))}`);
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

const JSON_HEADERS = { 'Content-Type': 'application/json' };

/** Bodies and headers a JSON API must refuse, or (`readable`) read exactly like their plain JSON. */
const ODD_ENCODINGS: { kind: string; headers: Record<string, string>; body: (json: string) => string | Buffer; readable?: true }[] = [
  { kind: 'text/plain', headers: { 'Content-Type': 'text/plain' }, body: (json) => json },
  { kind: 'no content type', headers: {}, body: (json) => json },
  { kind: 'form body', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: () => 'a=1&b=2' },
  { kind: 'charset latin9', headers: { 'Content-Type': 'application/json; charset=latin9' }, body: (json) => json },
  { kind: 'charset utf-16', headers: { 'Content-Type': 'application/json; charset=utf-16' }, body: (json) => json },
  { kind: 'encoding br garbage', headers: { ...JSON_HEADERS, 'Content-Encoding': 'br' }, body: (json) => json },
  { kind: 'encoding x-foo', headers: { ...JSON_HEADERS, 'Content-Encoding': 'x-foo' }, body: (json) => json },
  { kind: 'encoding gzip garbage', headers: { ...JSON_HEADERS, 'Content-Encoding': 'gzip' }, body: (json) => json },
  { kind: 'encoding gzip truncated', headers: { ...JSON_HEADERS, 'Content-Encoding': 'gzip' }, body: (json) => gzipSync(json).subarray(0, 10) },
  { kind: 'encoding gzip valid', headers: { ...JSON_HEADERS, 'Content-Encoding': 'gzip' }, body: (json) => gzipSync(json), readable: true },
  { kind: 'truncated JSON', headers: JSON_HEADERS, body: (json) => json.slice(0, Math.max(1, json.length - 1)) },
  { kind: 'trailing comma', headers: JSON_HEADERS, body: () => '{"a":1,}' },
  { kind: 'single quotes', headers: JSON_HEADERS, body: () => "{'a':1}" },
  { kind: 'two documents', headers: JSON_HEADERS, body: (json) => `${json}{}` },
  { kind: 'JSON null', headers: JSON_HEADERS, body: () => 'null' },
  { kind: 'JSON string', headers: JSON_HEADERS, body: () => '"text"' },
  { kind: 'JSON array', headers: JSON_HEADERS, body: () => '[{}]' },
  { kind: 'NaN', headers: JSON_HEADERS, body: () => '{"a":NaN}' },
  { kind: 'byte order mark', headers: JSON_HEADERS, body: (json) => `\ufeff${json}`, readable: true },
  { kind: 'invalid UTF-8', headers: JSON_HEADERS, body: () => Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
  { kind: 'deep nesting', headers: JSON_HEADERS, body: () => `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}` },
  { kind: 'prototype pollution', headers: JSON_HEADERS, body: () => '{"__proto__":{"role":"admin"},"constructor":{"prototype":{"x":1}}}' },
];

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Authorization headers that must all read as "not signed in" (or as the real caller, whose token replaces them). */
const ODD_AUTHORIZATIONS = [
  'Bearer',
  'Bearer ',
  'Basic YWRtaW5AaXNwLnRlc3Q6cGFzc3dvcmQ=',
  'Bearer a.b.c',
  `Bearer ${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ sub: 1, role: 'admin', tv: 0 })}.`,
  `Bearer ${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: '1 OR 1=1', role: 'admin' })}.c2lnbmF0dXJl`,
  `Bearer ${'x'.repeat(8_000)}`,
  'Bearer \u00ff\u00fe',
];

const HUGE_LENGTHS = [5_000, 200_000, 1_040_000, 1_100_000];
const HUGE_UNITS = ['x', '€', '😀'];

/** Every abuse of one operation, as a fast-check arbitrary of requests (without the Authorization header). */
export function casesFor(op: FuzzOperation, seeded: Seeded): fc.Arbitrary<FuzzCase> {
  const readsQuery = op.method === 'GET' || op.method === 'DELETE';
  const inputSchema: JsonSchema = readsQuery
    ? { type: 'object', properties: op.query, required: [] }
    : (op.body ?? { type: 'object', properties: {} });
  const fields = Object.keys(inputSchema.properties ?? {});
  const plausible = objectOf(inputSchema, seeded);
  // Only the required fields: a wrong type then meets nothing else the server could refuse first.
  const required = inputSchema.required ?? [];
  const minimal = objectOf({ ...inputSchema, properties: Object.fromEntries(Object.entries(inputSchema.properties ?? {}).filter(([key]) => required.includes(key))) }, seeded);
  const send = (kind: string, input: unknown, path = pathWith(op, seeded)): FuzzCase =>
    readsQuery
      ? { kind, request: { method: op.method, path: path + queryString(input as Record<string, unknown>) } }
      : { kind, request: { method: op.method, path, headers: JSON_HEADERS, body: JSON.stringify(input) } };
  const withField = (kind: string, value: fc.Arbitrary<unknown>) =>
    fields.length === 0
      ? fc.tuple(plausible, value).map(([input, v]) => send(kind, { ...input, field: v }))
      : fc.tuple(plausible, fc.constantFrom(...fields), value).map(([input, field, v]) => send(`${kind} in ${field}`, { ...input, [field]: v }));
  // In a JSON body a value of a type the field does not admit must be refused, never read as something else.
  const wrongType = fields.length === 0 || readsQuery
    ? withField('wrong type', fc.constantFrom(...WRONG_TYPES))
    : fc.tuple(minimal, fc.constantFrom(...fields), fc.constantFrom(...WRONG_TYPES)).map(([input, field, value]) => {
        const sent = send(`wrong type in ${field}`, { ...input, [field]: value });
        const admitted = admitsType(inputSchema.properties?.[field], value);
        return admitted ? sent : { ...sent, mustRefuse: `${field} does not admit ${JSON.stringify(value)}` };
      });

  const kinds: fc.Arbitrary<FuzzCase>[] = [
    plausible.map((input) => send('plausible input', input)),
    withField('edge value', fc.constantFrom(...EDGE_VALUES)),
    withField('odd unicode', fc.oneof(fc.constantFrom(...ODD_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }))),
    withField(
      'huge string',
      fc.tuple(fc.constantFrom(...HUGE_LENGTHS), fc.constantFrom(...HUGE_UNITS)).map(([length, unit]) =>
        // A query string stays under Node's 16 KB header limit, which answers before the app does.
        unit.repeat(Math.floor((readsQuery ? Math.min(length, 4_000) : length) / Buffer.byteLength(unit))),
      ),
    ),
    fc.tuple(plausible, fc.constantFrom(...EXTRA_KEYS), fc.constantFrom(...WRONG_TYPES)).map(([input, key, value]) => {
      const extended: Record<string, unknown> = { ...input };
      Object.defineProperty(extended, key, { value, enumerable: true, writable: true, configurable: true });
      const sent = send(`extra field ${JSON.stringify(key)}`, extended);
      // A strict input refuses a field it does not declare, whatever its value (only the RADIUS bridge's attribute
      // map admits others: FreeRADIUS sends every attribute of the request).
      const strict = inputSchema.additionalProperties === undefined || inputSchema.additionalProperties === false;
      return fields.includes(key) || !strict ? sent : { ...sent, mustRefuse: `${JSON.stringify(key)} is not a field of ${op.id}` };
    }),
  ];
  if (required.length > 0) {
    kinds.push(
      fc.tuple(plausible, fc.constantFrom(...required)).map(([input, field]) => {
        const rest: Record<string, unknown> = { ...input };
        delete rest[field];
        return send(`missing ${field}`, rest);
      }),
    );
  }
  if (op.pathParams.length > 0) {
    kinds.push(
      fc.tuple(plausible, fc.constantFrom(...BAD_IDS)).map(([input, id]) => ({
        ...send(`bad id ${id}`, input, pathWith(op, seeded, id)),
        mustRefuse: `${id} is not an id`,
      })),
    );
  }
  if (readsQuery && fields.length > 0) {
    kinds.push(
      fc.constantFrom(...fields).map((field) => ({
        kind: `repeated query ${field}`,
        request: { method: op.method, path: `${pathWith(op, seeded)}?${field}=1&${field}=2` },
        mustRefuse: `${field} takes one value`,
      })),
    );
  }
  kinds.push(
    fc.tuple(plausible, fc.constantFrom(...ODD_AUTHORIZATIONS)).map(([input, authorization]) => {
      const plain = send('odd Authorization', input);
      return { kind: `odd Authorization ${authorization.slice(0, 30)}`, request: { ...plain.request, headers: { ...plain.request.headers, Authorization: authorization } } };
    }),
    fc.tuple(plausible, fc.constantFrom(...ODD_ENCODINGS)).map(([input, encoding]) => ({
      kind: `odd body: ${encoding.kind}`,
      request: { method: op.method, path: pathWith(op, seeded), headers: encoding.headers, body: encoding.body(JSON.stringify(input)) },
      // A GET or DELETE ignores a well-formed body; a POST or PUT reads it, so what it cannot read it must refuse.
      ...(readsQuery || encoding.readable ? {} : { mustRefuse: `a body sent as ${encoding.kind} cannot be read` }),
    })),
  );
  // Wrong types count double: they are what a careless script sends most, and a silent coercion only shows as a 2xx.
  return fc.oneof({ arbitrary: wrongType, weight: 2 }, ...kinds.map((arbitrary) => ({ arbitrary, weight: 1 })));
}
