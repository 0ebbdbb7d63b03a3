import { applyDecorators } from '@nestjs/common';
import { NestFastifyApplication, RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { FieldError, Problems } from './problem/problem';

/**
 * How much work a request may cause before it is refused. Every limit is checked before any guard,
 * pipe or handler runs, so a refusal costs about as much as reading the bytes that were allowed in.
 *
 * - Size: 64 KB for any JSON body (the largest the API takes — a task's note and waiver reason,
 *   2,000 characters each — is under 25 KB even with every character escaped as \uXXXX), 8 KB on the
 *   routes that take a few fields or none (`@BodyLimit(SMALL_BODY_LIMIT)`: sign-in, password, links,
 *   invitations, host links, mutes). A bulk import can raise its own route's limit with `@BodyLimit`
 *   (the key limit below would then need a per-route value too).
 * - Shape: at most 1,000 keys (object fields and array items, counted together) and 10 levels of
 *   nesting; no request the API describes nests deeper than 2 (a mobility's participant).
 */
export const BODY_LIMIT = 64 * 1024;
/** The largest small body — a host's 1,000-character decline reason — fits even escaped as \uXXXX. */
export const SMALL_BODY_LIMIT = 8 * 1024;
export const MAX_JSON_KEYS = 1000;
export const MAX_JSON_DEPTH = 10;

/** On an operation of the OpenAPI document: the body size its route accepts (when not BODY_LIMIT). */
export const BODY_LIMIT_EXTENSION = 'x-body-limit';

/** Marks a handler whose limit was set on the method, so a controller-wide one leaves it alone. */
const BODY_LIMIT_KEY = 'mobility-hub:body-limit';

/**
 * The largest body a route accepts, in bytes (on a controller: each of its routes that does not set
 * its own). Carried to Fastify as the route's config and turned into its `bodyLimit` when the route
 * is registered (`configureRequestLimits`); written into the OpenAPI document as `x-body-limit`.
 */
export function BodyLimit(bytes: number): ClassDecorator & MethodDecorator {
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`BodyLimit: ${bytes} is not a positive integer`);
  const onMethod = applyDecorators(
    RouteConfig({ bodyLimit: bytes }),
    ApiExtension(BODY_LIMIT_EXTENSION, bytes),
    (_target: object, _key: string | symbol | undefined, descriptor?: PropertyDescriptor) => {
      Reflect.defineMetadata(BODY_LIMIT_KEY, bytes, descriptor?.value as object);
    },
  );
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return onMethod(target, key as string | symbol, descriptor);
    const prototype = (target as { prototype: object }).prototype;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const method = Object.getOwnPropertyDescriptor(prototype, name);
      if (name === 'constructor' || typeof method?.value !== 'function') continue;
      if (Reflect.hasOwnMetadata(BODY_LIMIT_KEY, method.value as object)) continue;
      onMethod(prototype, name, method);
    }
    return undefined;
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Route body limits from `@BodyLimit`, and the JSON parser: Fastify's own (secure-json-parse,
 * prototype poisoning refused), followed by the key and depth limits, so a body that breaks them is a
 * 400 before anything downstream sees it.
 */
export function configureRequestLimits(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route) => {
    const bytes = (route.config as { bodyLimit?: unknown } | undefined)?.bodyLimit;
    if (typeof bytes === 'number') route.bodyLimit = bytes;
  });
  const { onProtoPoisoning, onConstructorPoisoning } = fastify.initialConfig;
  const parseJson = fastify.getDefaultJsonParser(onProtoPoisoning ?? 'error', onConstructorPoisoning ?? 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string, done: (error: Error | null, value?: unknown) => void) => {
      parseJson(request, body, (error: Error | null, value?: unknown) => {
        if (error) return done(error);
        const broken = jsonShapeError(value);
        if (broken) return done(Problems.invalidRequest([broken], broken.message));
        done(null, value);
      });
    },
  );
}

/**
 * The first limit a parsed JSON value breaks: more than `maxKeys` keys and array items in all, or a
 * container more than `maxDepth` levels deep (the body itself is level 1). Iterative, and it stops
 * at the first break, so it costs no more than the allowed part of the value.
 */
export function jsonShapeError(
  value: unknown,
  maxKeys = MAX_JSON_KEYS,
  maxDepth = MAX_JSON_DEPTH,
): FieldError | undefined {
  let keys = 0;
  const stack: { value: object; path: string; depth: number }[] = [];
  if (value !== null && typeof value === 'object') stack.push({ value, path: '', depth: 1 });
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const field = next.path || 'body';
    if (next.depth > maxDepth) {
      return {
        field: shortField(field),
        rule: `nesting depth ≤ ${maxDepth}`,
        message: `${shortField(field)} is nested more than ${maxDepth} levels deep`,
      };
    }
    const isArray = Array.isArray(next.value);
    keys += isArray ? (next.value as unknown[]).length : Object.keys(next.value).length;
    if (keys > maxKeys) {
      return {
        field: 'body',
        rule: `key count ≤ ${maxKeys}`,
        message: `The body has more than ${maxKeys} keys (object fields and array items counted together)`,
      };
    }
    for (const [key, child] of Object.entries(next.value)) {
      if (child === null || typeof child !== 'object') continue;
      const path = isArray ? `${next.path}[${key}]` : next.path ? `${next.path}.${key}` : key;
      stack.push({ value: child, path, depth: next.depth + 1 });
    }
  }
  return undefined;
}

/** A field name as a problem repeats it: long names (any key of a body is one) are cut. */
export function shortField(field: string, max = 100): string {
  return field.length <= max ? field : `${field.slice(0, max)}…`;
}

/** 8192 → "8 KB", 1048576 → "1 MB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}
