import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ApiContent, ApiRegistry, ApiResponse, ApiRoute } from './registry.js';
import { errorAnswer } from './schemas.js';

/**
 * `GET /api/openapi.json` (SPEC: HTTP; issue 24): an OpenAPI 3.1 description made from the
 * route declarations in the registry, the same schemas the routes validate with. Request
 * schemas are described as they are accepted (zod's input side), answers as they are sent.
 */
type JsonSchema = Record<string, unknown>;

/** The answers every route can give besides its own. */
function commonResponses(route: ApiRoute): Record<number, ApiResponse> {
  const errors: Record<number, string> = {
    403: 'The browser origin is not the server’s own nor in --allowed-origins',
    500: 'A bug on the server (logged)',
  };
  if (route.params !== undefined || route.query !== undefined || route.body !== undefined) {
    errors[400] = 'Bad input: the message says which';
  }
  if (route.access !== undefined) {
    errors[401] = 'No token, or one that is invalid or expired';
    errors[403] = `The token does not give ${route.access} access to this, or the browser origin is not allowed`;
    errors[503] = 'The --auth-url service could not be asked (unreachable, slow or a malformed answer)';
  }
  if (route.body !== undefined && route.body.read !== 'own') {
    errors[413] = `Body larger than ${route.body.maxBytes} bytes`;
    if (route.body.anyType !== true) errors[415] = `Content-Type is not ${route.body.types.join(' or ')}`;
  }
  return Object.fromEntries(Object.entries(errors).map(([status, description]) => [status, errorAnswer(description)]));
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

function contentOf(content: ApiContent, io: 'input' | 'output'): Record<string, { schema?: JsonSchema }> {
  return Object.fromEntries(
    Object.entries(content).map(([type, schema]) => [
      type,
      schema === 'binary' ? { schema: { contentMediaType: type } } : { schema: schemaOf(schema, io) },
    ]),
  );
}

/** `z.object` parameters as OpenAPI parameters, one per property. */
function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query'): JsonSchema[] {
  if (schema === undefined) return [];
  const json = schemaOf(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...propertySchema } = property;
    return {
      name,
      in: where,
      required: where === 'path' || (json.required ?? []).includes(name),
      ...(description === undefined ? {} : { description }),
      schema: propertySchema,
    };
  });
}

function operationOf(route: ApiRoute): JsonSchema {
  const responses = { ...commonResponses(route), ...route.responses };
  const { body } = route;
  return {
    operationId: `${route.method}${route.path.replace(/[/:]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    parameters: [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')],
    ...(body === undefined
      ? {}
      : {
          requestBody: {
            required: body.read !== 'own',
            ...(body.description === undefined ? {} : { description: body.description }),
            content: contentOf(
              Object.fromEntries(body.types.map((type) => [type, body.schema ?? contentKind(type)])),
              'input',
            ),
          },
        }),
    security: route.access === undefined ? [] : [{ bearer: [] }],
    responses: Object.fromEntries(
      Object.entries(responses).map(([status, answer]) => [
        status,
        {
          description: answer.description,
          ...(answer.content === undefined ? {} : { content: contentOf(answer.content, 'output') }),
        },
      ]),
    ),
  };
}

function contentKind(type: string): z.ZodType | 'binary' {
  return type.startsWith('text/') ? z.string() : 'binary';
}

/** Express `/docs/:name` to OpenAPI `/api/docs/{name}`. */
export function openApiPath(expressPath: string): string {
  return `/api${expressPath.replace(/:(\w+)/g, '{$1}')}`;
}

export function openApiDocument(routes: readonly ApiRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) {
    (paths[openApiPath(route.path)] ??= {})[route.method] = operationOf(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Quire HTTP API',
      version,
      description: 'Read, change, version and delete Quire documents. See docs/http-api.md.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Needed when the server runs with an auth secret (SPEC: Access).',
        },
      },
    },
  };
}

const openApiAnswer = z
  .object({
    openapi: z.literal('3.1.0'),
    info: z.looseObject({ title: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .loose();

/** The server package's version (this file is three folders down, in src/ or dist/). */
function serverVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** Registers `GET /api/openapi.json`, built once from everything registered before it is asked. */
export function openApiRoute(api: ApiRegistry): void {
  let document: JsonSchema | undefined;
  api.add({
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This description of the API (OpenAPI 3.1)',
    responses: { 200: { description: 'The OpenAPI document', content: { 'application/json': openApiAnswer } } },
    handle(_input, _req, res) {
      document ??= openApiDocument(api.routes, serverVersion());
      res.json(document);
    },
  });
}
