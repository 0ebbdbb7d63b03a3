import type { OpenAPIObject } from '@nestjs/swagger';
import type { ProblemCode } from '@mobility-hub/domain';
import { describeCodes, DESCRIPTIONS, PROBLEM_CODES_EXTENSION, PROBLEM_CONTENT } from '../common/problem/api-problems';
import { BODY_LIMIT, BODY_LIMIT_EXTENSION, formatBytes } from '../common/request-limits';

type Schema = Record<string, unknown>;

/**
 * Makes the generated document say exactly what the server sends, where @nestjs/swagger's output
 * says less (checked against every integration-test answer by test/support/contract.ts):
 *
 * - A nullable reference. @nestjs/swagger writes `{ nullable: true, type: object, allOf: [$ref] }`,
 *   which under OpenAPI 3.0.3 does not admit null (`nullable` adds null to `type` only, and the
 *   `allOf` part still refuses it). It becomes `anyOf: [$ref, { enum: [null] }]`, which every
 *   validator reads as "the object or null" and ng-openapi-gen turns into `T | null`.
 * - A nullable enum: `nullable` does not get past an `enum` without null, so null joins the enum.
 * - The answers the HTTP layer gives on any route, with their codes: 500 (unexpected, logged) and
 *   503 (busy) on all, 401 where a session is needed, 403 on every change (a cross-site request is
 *   refused before any route runs), and 400, 413 and 415 on every operation with a body (malformed
 *   JSON or too many keys or levels, over the route's size limit, not JSON; on a multipart upload: no
 *   file part, over the file-size limit, not multipart). An operation whose route
 *   has its own size limit says so in `x-body-limit` (bytes); one without a body does not carry it.
 */
export function exactContract(document: OpenAPIObject): OpenAPIObject {
  for (const schema of Object.values(document.components?.schemas ?? {})) visit(schema as Schema);
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || !operation) continue;
      const { responses, requestBody } = operation as {
        responses: Record<string, unknown>;
        requestBody?: unknown;
      };
      const extensions = operation as Record<string, unknown>;
      const bodyLimit = requestBody ? ((extensions[BODY_LIMIT_EXTENSION] as number | undefined) ?? BODY_LIMIT) : 0;
      if (!requestBody) delete extensions[BODY_LIMIT_EXTENSION];
      for (const response of Object.values(responses)) visitContent(response);
      if (requestBody) visitContent(requestBody);
      const add = (status: number, code: ProblemCode, description: string) => {
        const response = (responses[String(status)] ??= { description, content: PROBLEM_CONTENT }) as Record<
          string,
          unknown
        >;
        const codes = (response[PROBLEM_CODES_EXTENSION] as ProblemCode[] | undefined) ?? [];
        if (!codes.includes(code)) codes.push(code);
        response[PROBLEM_CODES_EXTENSION] = codes;
        response['description'] = describeCodes(String(response['description']), codes);
      };
      const { security } = operation as { security?: unknown[] };
      if (security && security.length > 0) add(401, 'signed-out', 'Not signed in (no session, or it ended)');
      const upload = Boolean(
        (requestBody as { content?: Record<string, unknown> } | undefined)?.content?.['multipart/form-data'],
      );
      if (requestBody && upload) {
        // A file upload (common/uploads.ts): its own size limit, set by configuration.
        add(400, 'invalid-request', 'No file part, or a multipart body that cannot be read');
        add(413, 'payload-too-large', 'File larger than the import limit (IMPORT_MAX_BYTES, 10 MB by default)');
        add(415, 'unsupported-media-type', 'The body is not multipart/form-data');
      } else if (requestBody) {
        add(400, 'invalid-request', 'The body is not well-formed JSON, or does not have the shape described');
        add(413, 'payload-too-large', `Body larger than ${formatBytes(bodyLimit)}`);
        add(415, 'unsupported-media-type', 'The body is not application/json');
      }
      if (method !== 'get') {
        add(403, 'forbidden', 'A cross-site request: changes are accepted from Mobility Hub’s own pages only');
      }
      add(500, 'internal', DESCRIPTIONS[500]);
      add(503, 'service-unavailable', DESCRIPTIONS[503]);
      (operation as { responses: Record<string, unknown> }).responses = sortByStatus(responses);
    }
  }
  return document;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

function sortByStatus(responses: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(responses).sort(([a], [b]) => a.localeCompare(b)));
}

function visitContent(holder: unknown): void {
  const content = (holder as { content?: Record<string, { schema?: Schema }> }).content ?? {};
  for (const media of Object.values(content)) if (media.schema) visit(media.schema);
}

function visit(schema: Schema): void {
  const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
  for (const [name, property] of Object.entries(properties)) {
    properties[name] = exactNullable(property);
    visit(properties[name]);
  }
  for (const key of ['items', 'additionalProperties', 'not'] as const) {
    const child = schema[key];
    if (child && typeof child === 'object') {
      schema[key] = exactNullable(child as Schema);
      visit(schema[key] as Schema);
    }
  }
  for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
    const parts = schema[key] as Schema[] | undefined;
    parts?.forEach((part, i) => {
      parts[i] = exactNullable(part);
      visit(parts[i]);
    });
  }
}

function exactNullable(schema: Schema): Schema {
  if (schema['nullable'] !== true) return schema;
  const allOf = schema['allOf'] as Schema[] | undefined;
  if (allOf?.length === 1 && schema['properties'] === undefined) {
    const rest = Object.fromEntries(
      Object.entries(schema).filter(([keyword]) => !['nullable', 'type', 'allOf'].includes(keyword)),
    );
    return { ...rest, anyOf: [allOf[0], { enum: [null] }] };
  }
  const values = schema['enum'] as unknown[] | undefined;
  if (values && !values.includes(null)) return { ...schema, enum: [...values, null] };
  if (schema['type'] === undefined) throw new Error(`nullable without a type says nothing: ${JSON.stringify(schema)}`);
  return schema;
}
