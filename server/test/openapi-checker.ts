import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Express } from 'express';

/**
 * Checks real HTTP answers against the server's own OpenAPI document (issue 24), with
 * Ajv's JSON Schema 2020-12 dialect (OpenAPI 3.1's), and lists what express serves.
 */
type Schema = Record<string, unknown>;
interface MediaType {
  schema?: Schema;
}
interface Operation {
  responses: Record<string, { content?: Record<string, MediaType> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
}

// ajv-formats is CommonJS with its function as `default`.
const addFormats = (addFormatsModule as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

export class AnswerChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<Schema, ValidateFunction>();
  /** `METHOD path` → the statuses seen. */
  readonly seen = new Map<string, Set<number>>();

  constructor(private readonly document: OpenApiDocument) {
    addFormats(this.ajv);
  }

  /** Throws unless `response` is an answer the document declares for this operation. */
  async check(method: string, template: string, response: Response): Promise<void> {
    const operation = this.document.paths[template]?.[method];
    if (operation === undefined) throw new Error(`${method} ${template} is not in the document`);
    const what = `${method.toUpperCase()} ${template} → ${response.status}`;
    const answer = operation.responses[String(response.status)];
    if (answer === undefined) throw new Error(`${what}: status not declared`);
    const key = `${method} ${template}`;
    this.seen.set(key, (this.seen.get(key) ?? new Set()).add(response.status));
    const type = response.headers.get('content-type')?.split(';')[0]?.trim();
    if (answer.content === undefined) {
      if (type !== undefined) throw new Error(`${what}: declares no body but sent ${type}`);
      return;
    }
    const media = type === undefined ? undefined : answer.content[type];
    if (media === undefined) throw new Error(`${what}: content type ${type} not declared`);
    if (type === 'application/json') this.validate(what, media.schema ?? {}, await response.json());
    else if (type?.startsWith('text/') === true && type !== 'text/event-stream') {
      this.validate(what, media.schema ?? {}, await response.text());
    }
  }

  private validate(what: string, schema: Schema, body: unknown): void {
    let validate = this.validators.get(schema);
    if (validate === undefined) {
      validate = this.ajv.compile(schema);
      this.validators.set(schema, validate);
    }
    if (!validate(body)) {
      throw new Error(`${what}: body does not match: ${this.ajv.errorsText(validate.errors)}\n${JSON.stringify(body)}`);
    }
  }
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
  match(path: string): boolean;
}

/**
 * Every `METHOD /api/...` route an express app serves, as OpenAPI paths. Routers mounted
 * at `/api` are recognised by matching `/api/…` and not `/…`; nothing else is mounted there.
 */
export function expressApiRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[], prefix: string): void => {
    for (const layer of stack) {
      if (layer.route !== undefined) {
        const path = prefix + layer.route.path;
        if (!path.startsWith('/api/')) continue;
        for (const method of Object.keys(layer.route.methods)) {
          found.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
        }
      } else if (layer.handle.stack !== undefined) {
        const mounted = layer.match('/api/probe') && !layer.match('/probe') ? '/api' : '';
        walk(layer.handle.stack, prefix + mounted);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}
