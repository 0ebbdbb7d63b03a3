import { Headers, Param, ParseUUIDPipe } from '@nestjs/common';
import { Problems } from './problem/problem';

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id') =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        Problems.invalidRequest([{ field: name, rule: 'isUuid', message: `${name} must be a UUID` }]),
    }),
  );

/**
 * The version an `If-Match` header names (`"3"`, `W/"3"` or `3`), undefined when absent.
 * A malformed header is a 400, never silently ignored.
 */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '' || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) {
    throw Problems.invalidRequest([
      { field: 'If-Match', rule: 'etag', message: 'If-Match must carry the ETag of the mobility, e.g. "3"' },
    ]);
  }
  return Number(match[1]);
}

export const IfMatch = () => Headers('if-match');

export function etagOf(version: number): string {
  return `"${version}"`;
}
