import type { OpenAPIObject } from '@nestjs/swagger';
import { exactContract } from './exact-contract';

const documentWith = (schema: Record<string, unknown>, operation: Record<string, unknown> = {}): OpenAPIObject =>
  ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/api/things': { post: { responses: { '201': { description: '' } }, ...operation } } },
    components: { schemas: { Thing: { type: 'object', properties: { value: schema } } } },
  }) as unknown as OpenAPIObject;

const valueOf = (document: OpenAPIObject) =>
  (document.components?.schemas?.['Thing'] as { properties: Record<string, unknown> }).properties['value'];

describe('exactContract', () => {
  it('turns a nullable reference into "the object or null"', () => {
    const document = exactContract(
      documentWith({
        nullable: true,
        type: 'object',
        description: 'd',
        allOf: [{ $ref: '#/components/schemas/Ref' }],
      }),
    );
    expect(valueOf(document)).toEqual({
      description: 'd',
      anyOf: [{ $ref: '#/components/schemas/Ref' }, { enum: [null] }],
    });
  });

  it('lets null into a nullable enum, and leaves a nullable scalar as it is', () => {
    expect(valueOf(exactContract(documentWith({ type: 'string', nullable: true, enum: ['a'] })))).toEqual({
      type: 'string',
      nullable: true,
      enum: ['a', null],
    });
    expect(valueOf(exactContract(documentWith({ type: 'string', nullable: true })))).toEqual({
      type: 'string',
      nullable: true,
    });
  });

  it('declares what the HTTP layer answers on any operation, with codes', () => {
    const document = exactContract(
      documentWith({ type: 'string' }, { requestBody: { content: {} }, security: [{ session: [] }] }),
    );
    const responses = document.paths['/api/things'].post?.responses as unknown as Record<
      string,
      Record<string, unknown>
    >;
    expect(Object.keys(responses)).toEqual(['201', '400', '401', '403', '413', '415', '500', '503']);
    expect(responses['403']['x-problem-codes']).toEqual(['forbidden']);
    expect(responses['401']['x-problem-codes']).toEqual(['signed-out']);
  });
});
