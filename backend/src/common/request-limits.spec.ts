import 'reflect-metadata';
import { Body, Controller, Post } from '@nestjs/common';
import { BodyLimit, formatBytes, jsonShapeError } from './request-limits';

describe('jsonShapeError', () => {
  const nested = (levels: number): unknown => (levels === 0 ? 1 : { a: nested(levels - 1) });

  it('lets values within the limits through', () => {
    expect(jsonShapeError({ a: 1, b: [1, 2], c: { d: null } }, 6, 3)).toBeUndefined(); // 3 + 2 + 1 keys
    expect(jsonShapeError(nested(3), 3, 3)).toBeUndefined();
    expect(jsonShapeError('text')).toBeUndefined();
    expect(jsonShapeError(null)).toBeUndefined();
  });

  it('counts object keys and array items together', () => {
    expect(jsonShapeError({ a: 1, b: [1, 2], c: { d: null } }, 5, 3)).toEqual({
      field: 'body',
      rule: 'key count ≤ 5',
      message: 'The body has more than 5 keys (object fields and array items counted together)',
    });
    expect(jsonShapeError(new Array(1001).fill(0))).toMatchObject({ rule: 'key count ≤ 1000' });
  });

  it('names the container that is too deep, the body being level 1', () => {
    expect(jsonShapeError(nested(4), 100, 3)).toEqual({
      field: 'a.a.a',
      rule: 'nesting depth ≤ 3',
      message: 'a.a.a is nested more than 3 levels deep',
    });
    expect(jsonShapeError({ list: [[[1]]] }, 100, 3)).toMatchObject({ field: 'list[0][0]' });
  });

  it('stops at the first break however large the rest (no stack overflow either)', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonShapeError(deep)).toMatchObject({ rule: 'nesting depth ≤ 10' });
  });

  it('cuts long field names', () => {
    const key = 'k'.repeat(500);
    expect(jsonShapeError({ [key]: nested(3) }, 100, 2)?.field).toBe(`${'k'.repeat(100)}…`);
  });
});

describe('BodyLimit', () => {
  @BodyLimit(8192)
  @Controller('things')
  class ThingController {
    @Post() create(@Body() body: unknown) {
      return body;
    }
    @Post('big')
    @BodyLimit(100_000)
    big(@Body() body: unknown) {
      return body;
    }
  }
  // The metadata keys of @nestjs/platform-fastify's RouteConfig and @nestjs/swagger's ApiExtension.
  const routeConfig = (name: keyof ThingController) =>
    Reflect.getMetadata('__fastify_route_config__', ThingController.prototype[name]);
  const extensions = (name: keyof ThingController) =>
    Reflect.getMetadata('swagger/apiExtension', ThingController.prototype[name]);

  it('gives every route of a controller its limit, as route config and in the document', () => {
    expect(routeConfig('create')).toEqual({ bodyLimit: 8192 });
    expect(extensions('create')).toEqual({ 'x-body-limit': 8192 });
  });

  it('lets a route keep its own limit', () => {
    expect(routeConfig('big')).toEqual({ bodyLimit: 100_000 });
    expect(extensions('big')).toEqual({ 'x-body-limit': 100_000 });
  });

  it('refuses a limit that is not a positive number of bytes', () => {
    expect(() => BodyLimit(0)).toThrow();
    expect(() => BodyLimit(1.5)).toThrow();
  });
});

describe('formatBytes', () => {
  it('writes whole KB and MB as such', () => {
    expect([formatBytes(8192), formatBytes(65536), formatBytes(1048576), formatBytes(1000)]).toEqual([
      '8 KB',
      '64 KB',
      '1 MB',
      '1000 bytes',
    ]);
  });
});
