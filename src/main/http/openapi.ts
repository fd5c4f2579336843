// The OpenAPI 3.1 document, generated from the contract's zod schemas (zod 4's JSON Schema output).
import { z } from 'zod';
import { operations, type OperationDef } from '../../shared/contract';
import { ERROR_STATUS } from '../../shared/errors';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
}

const errorSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_STATUS) },
        message: { type: 'string' },
        details: { type: 'object' },
      },
      required: ['code', 'message'],
    },
  },
  required: ['error'],
};

/** The media type and schema of a success body that is not JSON, by the contract's responseType. */
const FILE_ANSWERS: Record<string, { mediaType: string; schema: object }> = {
  csv: { mediaType: 'text/csv', schema: { type: 'string' } },
  pdf: { mediaType: 'application/pdf', schema: { type: 'string', format: 'binary' } },
  file: { mediaType: 'application/octet-stream', schema: { type: 'string', format: 'binary' } },
};

function successContent(def: OperationDef): Record<string, { schema: unknown }> {
  // The bridge answers rlm_rest's flat attribute map (`{"reply:Mikrotik-Rate-Limit":"10M/20M"}`), 401 for a reject.
  if (def.responseType === 'radius') return { 'application/json': { schema: { type: 'object', additionalProperties: { type: ['string', 'number'] } } } };
  const file = FILE_ANSWERS[def.responseType ?? 'json'];
  if (file) return { [file.mediaType]: { schema: file.schema } };
  return { 'application/json': { schema: jsonSchema(def.output, 'output') } };
}

function describe(name: string, def: OperationDef) {
  const params = [...def.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  const input = jsonSchema(def.input, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  const parameters = params.map((p) => ({ name: p, in: 'path', required: true, schema: (input.properties?.[p] ?? {}) as unknown }));
  const readsQuery = def.method === 'GET' || def.method === 'DELETE';
  if (readsQuery) {
    for (const [key, schema] of Object.entries(input.properties ?? {})) {
      if (!params.includes(key)) {
        parameters.push({ name: key, in: 'query', required: Boolean(input.required?.includes(key)), schema });
      }
    }
  }
  const status = String(def.successStatus ?? 200);
  return {
    operationId: name,
    summary: def.summary,
    tags: [name.split('.')[0]],
    'x-roles': def.access,
    ...(def.access === 'public' ? { security: [] } : {}),
    ...(def.access === 'bridge' ? { security: [{ bridgeKey: [] }] } : {}),
    ...(def.access === 'poller' ? { security: [{ pollerKey: [] }] } : {}),
    parameters,
    ...(readsQuery ? {} : { requestBody: { required: true, content: { 'application/json': { schema: input } } } }),
    responses: {
      [status]:
        status === '204'
          ? { description: 'No content' }
          : { description: 'OK', content: successContent(def) },
      default: { description: 'Error', content: { 'application/json': { schema: errorSchema } } },
    },
  };
}

export function openApiDocument(version: string): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, def] of Object.entries(operations) as [string, OperationDef][]) {
    const path = def.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][def.method.toLowerCase()] = describe(name, def);
  }
  return {
    openapi: '3.1.0',
    info: { title: 'NOCman API', version },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, bridgeKey: { type: 'apiKey', in: 'header', name: 'X-NOCman-Bridge-Key' }, pollerKey: { type: 'apiKey', in: 'header', name: 'X-NOCman-Poller-Key' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
