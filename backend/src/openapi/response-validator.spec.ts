import { isProblemCode, PROBLEM_CODES, ProblemCode, problemType } from '@mobility-hub/domain';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractViolation, Exchange, ResponseValidator, toJsonSchema } from './response-validator';

const committed = JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8'));

const ok = (path: string, body: unknown, method = 'GET', status = 200): Exchange => ({
  method,
  path,
  status,
  contentType: 'application/json; charset=utf-8',
  body,
});

/** A small document with the shapes @nestjs/swagger writes. */
const doc = {
  openapi: '3.0.0',
  paths: {
    '/api/things/{id}': {
      get: {
        operationId: 'getThing',
        responses: {
          '200': {
            description: '',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
          },
          '404': {
            description: '',
            'x-problem-codes': ['not-found'],
            content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDto' } } },
          },
        },
      },
    },
    '/api/things/new': {
      get: { operationId: 'newThing', responses: { '204': { description: '' } } },
    },
  },
  components: {
    schemas: {
      Ref: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      Thing: {
        type: 'object',
        properties: {
          // What @nestjs/swagger writes for `{ type: Ref, nullable: true }`: null is NOT allowed (3.0.3).
          swaggerNullableRef: { nullable: true, type: 'object', allOf: [{ $ref: '#/components/schemas/Ref' }] },
          // What exact-contract.ts writes instead.
          exactNullableRef: { anyOf: [{ $ref: '#/components/schemas/Ref' }, { enum: [null] }] },
          nullableEnum: { type: 'string', nullable: true, enum: ['a', 'b'] },
          when: { type: 'string', format: 'date' },
        },
      },
      ProblemDto: {
        type: 'object',
        properties: { type: { type: 'string' }, status: { type: 'number' } },
        required: ['type', 'status'],
      },
    },
  },
};

describe('ResponseValidator', () => {
  const validator = new ResponseValidator(doc);

  it('reads nullable the OpenAPI 3.0.3 way: a nullable allOf-$ref still refuses null, anyOf with null admits it', () => {
    expect(validator.check(ok('/api/things/1', { swaggerNullableRef: null })).errors).toEqual([
      '/swaggerNullableRef must be object',
    ]);
    expect(validator.check(ok('/api/things/1', { exactNullableRef: null })).errors).toEqual([]);
    expect(validator.check(ok('/api/things/1', { exactNullableRef: { id: 'x' } })).errors).toEqual([]);
    expect(validator.check(ok('/api/things/1', { exactNullableRef: {} })).errors).toContain(
      "/exactNullableRef must have required property 'id'",
    );
  });

  it('refuses null for a nullable enum that does not list null', () => {
    expect(validator.check(ok('/api/things/1', { nullableEnum: 'a' })).errors).toEqual([]);
    expect(validator.check(ok('/api/things/1', { nullableEnum: null })).errors).toEqual([
      '/nullableEnum must be equal to one of the allowed values (["a","b"])',
    ]);
  });

  it('refuses fields the document does not list, and checks formats', () => {
    expect(validator.check(ok('/api/things/1', { surprise: 1, when: '2026-13-45' })).errors).toEqual([
      '/when must match format "date"',
      '(body) must NOT have unevaluated properties (surprise)',
    ]);
  });

  it('refuses an undeclared status, content type or body, naming the operation', () => {
    const verdict = validator.check(ok('/api/things/1', {}, 'GET', 409));
    expect(verdict).toEqual({
      operation: 'GET /api/things/{id} (getThing)',
      errors: ['status 409 is not declared (declared: 200, 404)'],
    });
    expect(validator.check({ ...ok('/api/things/1', {}), contentType: 'text/html' }).errors).toEqual([
      'content type text/html is not declared (declared: application/json)',
    ]);
    expect(validator.check(ok('/api/things/new', { a: 1 }, 'GET', 204)).errors).toEqual([
      'sends a application/json body, but the response declares none',
    ]);
    expect(validator.check(ok('/api/things/new', undefined, 'GET', 204)).errors).toEqual([]);
  });

  it('holds a problem to the codes its response lists', () => {
    const problem = (type: string) => ({
      ...ok('/api/things/1', { type, status: 404 }, 'GET', 404),
      contentType: 'application/problem+json',
    });
    expect(validator.check(problem(problemType('not-found'))).errors).toEqual([]);
    expect(validator.check({ ...problem(problemType('not-found')), contentType: 'application/json' }).errors).toEqual([
      'content type application/json is not declared (declared: application/problem+json)',
      'an error answer must be application/problem+json',
    ]);
    expect(validator.check(problem(problemType('gone'))).errors).toEqual([
      'problem type urn:mobility-hub:problem:gone is not among the codes documented for 404: not-found',
    ]);
  });

  it('accepts a route the API does not have only as a problem 404', () => {
    const problem = { ...ok('/api/nothing', { type: 'x', status: 404 }, 'GET', 404) };
    expect(validator.check({ ...problem, contentType: 'application/problem+json' }).errors).toEqual([]);
    expect(validator.check(ok('/api/nothing', {}, 'GET', 200)).errors).toEqual([
      'answered 200, but the document has no such operation',
    ]);
  });

  it('writes a message that names the operation, status and schema error', () => {
    const exchange = ok('/api/things/1', { nullableEnum: 'c' });
    expect(contractViolation(validator.check(exchange), exchange)).toContain(
      'GET /api/things/{id} (getThing) answered 200 application/json',
    );
  });

  it('does not translate what it does not understand', () => {
    expect(() => toJsonSchema({ type: 'string', patternProperties: {} })).toThrow(/patternProperties/);
  });
});

describe('the committed document', () => {
  const validator = new ResponseValidator(committed);

  it('catches the drift found by the independent validator: unmet[].code must be a code string', () => {
    const refused = {
      method: 'POST',
      path: '/api/mobilities/5f0c5ab6-4b1e-4c1e-9d52-2b0c0f2b0a11/events',
      status: 409,
      contentType: 'application/problem+json',
      body: {
        type: problemType('lifecycle-refused'),
        title: 'Event refused',
        status: 409,
        detail: 'ADVANCE is not possible now',
        instance: '/api/mobilities/5f0c5ab6-4b1e-4c1e-9d52-2b0c0f2b0a11/events',
        event: 'ADVANCE',
        phase: 'application',
        unmet: [{ code: 'HOST_REQUIRED', message: 'A host organisation must be assigned' }],
      },
    };
    expect(validator.check(refused).errors).toEqual([]);
    const bad = { ...refused, body: { ...refused.body, unmet: [{ code: { name: 'HOST_REQUIRED' }, message: 'x' }] } };
    expect(validator.check(bad).errors).toContain('/unmet/0/code must be string');
  });

  it('lists exactly the registered problem types', () => {
    expect(committed.components.schemas.ProblemType.enum).toEqual(
      (Object.keys(PROBLEM_CODES) as ProblemCode[]).map(problemType),
    );
  });

  it('names only registered codes, each under its own status, on every problem response', () => {
    const listed = Object.values(committed.paths as Record<string, Record<string, { responses: object }>>)
      .flatMap((item) => Object.values(item))
      .flatMap((operation) => Object.entries(operation.responses))
      .flatMap(([status, response]) =>
        ((response as { 'x-problem-codes'?: string[] })['x-problem-codes'] ?? []).map((code) => ({ status, code })),
      );
    expect(listed.length).toBeGreaterThan(100);
    for (const { status, code } of listed) {
      expect(isProblemCode(code) && String(PROBLEM_CODES[code].status)).toBe(status);
    }
  });

  it('refuses a problem type that is not registered', () => {
    const exchange = {
      method: 'GET',
      path: '/api/projects/5f0c5ab6-4b1e-4c1e-9d52-2b0c0f2b0a11',
      status: 404,
      contentType: 'application/problem+json',
      body: { type: 'urn:mobility-hub:problem:made-up', title: 'Not found', status: 404 },
    };
    expect(validator.check(exchange).errors).toContainEqual(expect.stringMatching(/^\/type must be equal to one of/));
  });
});
