import Ajv2019, { ErrorObject, ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { PROBLEM_TYPE_PREFIX } from '@mobility-hub/domain';

/**
 * Checks real HTTP answers against the OpenAPI 3.0 document, the way a strict, independent
 * validator reads it: the status must be declared on the operation, the content type must be one
 * the response declares, and the body must match its schema.
 *
 * OpenAPI 3.0.3 semantics are kept exactly, so that what passes here passes any conforming tool:
 * - `nullable: true` adds null only to a `type` declared in the same schema; next to `allOf`/`$ref`
 *   alone it adds nothing, and an `enum` without null still refuses null;
 * - siblings of a `$ref` are ignored.
 * And one rule stricter than OpenAPI: an object schema that lists its properties and says nothing
 * about others allows no others, so that every field the server sends is in the document.
 */

/** One request and its answer, as the test client saw it. */
export interface Exchange {
  readonly method: string;
  /** The path as requested, query string included or not. */
  readonly path: string;
  readonly status: number;
  /** The Content-Type header, parameters included (`application/json; charset=utf-8`), or null. */
  readonly contentType: string | null;
  /** The parsed JSON body; the raw text when it was not JSON; undefined when empty. */
  readonly body: unknown;
}

/** A route outside the document that tests may call, and why it is not part of the contract. */
export interface UnmodelledRoute {
  readonly method: string;
  readonly path: RegExp;
  readonly reason: string;
}

export interface Verdict {
  /** `METHOD /template (operationId)`, or the path requested when no operation matched. */
  readonly operation: string;
  /** Empty when the answer is what the document allows. */
  readonly errors: readonly string[];
}

interface OpenApiDocument {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, unknown>>;
  readonly components?: { readonly schemas?: Record<string, unknown> };
}

interface Response {
  readonly content?: Record<string, { schema?: unknown }>;
  /** The registered problem codes this response may carry (see common/problem/api-problems.ts). */
  readonly 'x-problem-codes'?: readonly string[];
}

interface Operation {
  readonly operationId?: string;
  readonly responses: Record<string, Response>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const ROOT = 'urn:mobility-hub:openapi';
const PROBLEM_SCHEMA = 'ProblemDto';
const PROBLEM_MEDIA_TYPE = 'application/problem+json';

/** Keywords of a 3.0 Schema Object that JSON Schema 2019-09 knows with the same meaning. */
const SAME_MEANING = new Set([
  'title',
  'description',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'multipleOf',
  'maximum',
  'minimum',
  'maxLength',
  'minLength',
  'pattern',
  'maxItems',
  'minItems',
  'uniqueItems',
  'maxProperties',
  'minProperties',
  'required',
  'enum',
  'format',
]);
/** Keywords that only document (or only matter to code generators). */
const DOCUMENTATION_ONLY = new Set(['example', 'examples', 'externalDocs', 'xml', 'discriminator']);

type JsonSchema = Record<string, unknown>;

/** Translates one OpenAPI 3.0 Schema Object into JSON Schema 2019-09, exactly (see the file comment). */
export function toJsonSchema(schema: unknown, where = '#'): JsonSchema | boolean {
  if (typeof schema === 'boolean') return schema;
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new Error(`${where}: a schema must be an object`);
  }
  const source = schema as JsonSchema;
  if (typeof source['$ref'] === 'string') return { $ref: refOf(source['$ref'], where) };
  const result: JsonSchema = {};
  for (const [keyword, value] of Object.entries(source)) {
    if (SAME_MEANING.has(keyword)) result[keyword] = value;
    else if (keyword === 'type' || keyword === 'nullable') continue;
    else if (keyword === 'properties') {
      result['properties'] = Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, property]) => [
          name,
          toJsonSchema(property, `${where}/properties/${name}`),
        ]),
      );
    } else if (keyword === 'items' || keyword === 'not' || keyword === 'additionalProperties') {
      result[keyword] = toJsonSchema(value, `${where}/${keyword}`);
    } else if (keyword === 'allOf' || keyword === 'anyOf' || keyword === 'oneOf') {
      result[keyword] = (value as unknown[]).map((part, i) => toJsonSchema(part, `${where}/${keyword}/${i}`));
    } else if (keyword === 'exclusiveMaximum' || keyword === 'exclusiveMinimum') {
      // 3.0: a boolean that makes maximum/minimum exclusive; 2019-09: the bound itself.
      if (value === true) {
        const bound = keyword === 'exclusiveMaximum' ? 'maximum' : 'minimum';
        result[keyword] = source[bound];
        delete result[bound];
      }
    } else if (DOCUMENTATION_ONLY.has(keyword) || keyword.startsWith('x-')) continue;
    else throw new Error(`${where}: the validator does not know the schema keyword "${keyword}"`);
  }
  if (result['exclusiveMaximum'] !== undefined) delete result['maximum'];
  if (result['exclusiveMinimum'] !== undefined) delete result['minimum'];
  const type = source['type'];
  if (typeof type === 'string') result['type'] = source['nullable'] === true ? [type, 'null'] : type;
  if (result['properties'] !== undefined && source['additionalProperties'] === undefined) {
    // Stricter than OpenAPI (see the file comment); `unevaluated` so that allOf parts still count.
    result['unevaluatedProperties'] = false;
  }
  return result;
}

function refOf(ref: string, where: string): string {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  if (!match) throw new Error(`${where}: only references to #/components/schemas are supported (${ref})`);
  return `${ROOT}#/$defs/${match[1]}`;
}

function templateRegExp(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`);
}

function mediaTypeOf(contentType: string | null): string | null {
  return contentType ? contentType.split(';')[0].trim().toLowerCase() : null;
}

function describe(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((error) => {
    const at = error.instancePath || '(body)';
    const extra =
      error.keyword === 'unevaluatedProperties'
        ? ` (${String(error.params['unevaluatedProperty'])})`
        : error.keyword === 'enum'
          ? ` (${JSON.stringify(error.params['allowedValues'])})`
          : '';
    return `${at} ${error.message ?? error.keyword}${extra}`;
  });
}

export class ResponseValidator {
  private readonly ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
  private readonly routes: { method: string; template: string; pattern: RegExp; operation: Operation }[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(
    private readonly document: OpenApiDocument,
    private readonly unmodelled: readonly UnmodelledRoute[] = [],
  ) {
    if (!document.openapi.startsWith('3.0.')) {
      throw new Error(`The validator reads OpenAPI 3.0 documents; this one is ${document.openapi}`);
    }
    addFormats(this.ajv);
    // 'password' only tells a UI to mask the field.
    this.ajv.addFormat('password', true);
    const schemas = document.components?.schemas ?? {};
    this.ajv.addSchema({
      $id: ROOT,
      $defs: Object.fromEntries(
        Object.entries(schemas).map(([name, schema]) => [name, toJsonSchema(schema, `#/components/schemas/${name}`)]),
      ),
    });
    for (const [template, item] of Object.entries(document.paths)) {
      for (const method of METHODS) {
        const operation = item[method] as Operation | undefined;
        if (operation) this.routes.push({ method, template, pattern: templateRegExp(template), operation });
      }
    }
    // A literal segment wins over a parameter (`/a/new` before `/a/{id}`).
    const literalLength = (template: string) => template.replace(/\{[^}]+\}/g, '').length;
    this.routes.sort((a, b) => literalLength(b.template) - literalLength(a.template));
  }

  check(exchange: Exchange): Verdict {
    const method = exchange.method.toLowerCase();
    const path = exchange.path.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) return this.checkUnmodelled(method, path, exchange);
    const operation = `${method.toUpperCase()} ${route.template} (${route.operation.operationId ?? 'no operationId'})`;
    const declared = route.operation.responses;
    const response =
      declared[String(exchange.status)] ?? declared[`${String(exchange.status)[0]}XX`] ?? declared['default'];
    if (!response) {
      return {
        operation,
        errors: [`status ${exchange.status} is not declared (declared: ${Object.keys(declared).join(', ')})`],
      };
    }
    const key = `${method} ${route.template} ${exchange.status}`;
    const errors = this.checkBody(key, response.content ?? {}, exchange);
    // Every error is a problem document (RFC 9457), declared as such.
    if (exchange.status >= 400 && mediaTypeOf(exchange.contentType) !== PROBLEM_MEDIA_TYPE) {
      errors.push(`an error answer must be ${PROBLEM_MEDIA_TYPE}`);
    }
    return { operation, errors: [...errors, ...this.checkProblemCode(response, exchange)] };
  }

  /** A problem's `type` must be one of the codes its response lists, when it lists them. */
  private checkProblemCode(response: Response, exchange: Exchange): string[] {
    const codes = response['x-problem-codes'];
    const type = (exchange.body as { type?: unknown } | null | undefined)?.type;
    if (!codes || typeof type !== 'string') return [];
    if (codes.some((code) => type === `${PROBLEM_TYPE_PREFIX}${code}`)) return [];
    return [`problem type ${type} is not among the codes documented for ${exchange.status}: ${codes.join(', ')}`];
  }

  private checkUnmodelled(method: string, path: string, exchange: Exchange): Verdict {
    const allowed = this.unmodelled.find((r) => r.method.toLowerCase() === method && r.path.test(path));
    if (allowed)
      return { operation: `${method.toUpperCase()} ${path} (not in the contract: ${allowed.reason})`, errors: [] };
    const operation = `${method.toUpperCase()} ${path} (no operation in the document)`;
    // A route the API does not have: only the router's own problem answer is acceptable — 405, or a
    // 404 that says no route matched ("Cannot GET …", or "No route GET …" beside the dashboard). A
    // 404 from a handler means a real route the document is missing.
    const detail = (exchange.body as { detail?: unknown } | null | undefined)?.detail;
    const unrouted =
      exchange.status === 405 ||
      (exchange.status === 404 && typeof detail === 'string' && /^(Cannot|No route) [A-Z]+ \//.test(detail));
    if (path.startsWith('/api/') && unrouted) {
      const problem = { [PROBLEM_MEDIA_TYPE]: { schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA}` } } };
      return { operation, errors: this.checkBody(`unrouted ${exchange.status}`, problem, exchange) };
    }
    return { operation, errors: [`answered ${exchange.status}, but the document has no such operation`] };
  }

  private checkBody(key: string, content: Record<string, { schema?: unknown }>, exchange: Exchange): string[] {
    const mediaTypes = Object.keys(content);
    const hasBody = exchange.body !== undefined && exchange.body !== '';
    if (mediaTypes.length === 0) {
      return hasBody
        ? [`sends a ${mediaTypeOf(exchange.contentType) ?? 'body'} body, but the response declares none`]
        : [];
    }
    const mediaType = mediaTypeOf(exchange.contentType);
    if (!hasBody) return [`sends no body, but the response declares ${mediaTypes.join(', ')}`];
    // A declared type may carry parameters (`text/csv; charset=utf-8`): the media types are compared.
    const declaredType = mediaTypes.find((type) => mediaTypeOf(type) === mediaType);
    const declared = declaredType ? content[declaredType] : undefined;
    if (!declared) {
      return [`content type ${mediaType ?? '(none)'} is not declared (declared: ${mediaTypes.join(', ')})`];
    }
    if (declared.schema === undefined) return [];
    const cacheKey = `${key} ${mediaType}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(declared.schema, cacheKey));
      this.compiled.set(cacheKey, validate);
    }
    return validate(exchange.body) ? [] : describe(validate.errors);
  }
}

/** A readable failure message for a verdict with errors. */
export function contractViolation(verdict: Verdict, exchange: Exchange): string {
  const body = JSON.stringify(exchange.body);
  return [
    `The answer does not match backend/openapi.json: ${verdict.operation} answered ${exchange.status} ${
      mediaTypeOf(exchange.contentType) ?? '(no content type)'
    }`,
    ...verdict.errors.map((error) => `  - ${error}`),
    `  body: ${body && body.length > 600 ? `${body.slice(0, 600)}…` : body}`,
  ].join('\n');
}
