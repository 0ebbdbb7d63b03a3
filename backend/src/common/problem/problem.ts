import { HttpException } from '@nestjs/common';

/** One broken rule, named by the field it concerns (dotted path for nested fields). */
export interface FieldError {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/** An RFC 9457 problem document; extension members ride along. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

const typeUri = (slug: string) => `urn:mobility-hub:problem:${slug}`;

/** An exception that already knows its problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

export const Problems = {
  /** The request does not have the shape the API describes (400). */
  invalidRequest(errors: FieldError[], detail = 'The request is not valid.'): ProblemException {
    return new ProblemException({
      type: typeUri('invalid-request'),
      title: 'Invalid request',
      status: 400,
      detail,
      errors,
    });
  },
  /** Well-formed, but breaks a business rule (422). */
  ruleViolated(errors: readonly FieldError[], detail?: string): ProblemException {
    return new ProblemException({
      type: typeUri('rule-violated'),
      title: 'Business rule violated',
      status: 422,
      detail: detail ?? errors.map((e) => e.message).join('; '),
      errors,
    });
  },
  notFound(what: string, id: string, field?: string): ProblemException {
    return new ProblemException({
      type: typeUri('not-found'),
      title: 'Not found',
      status: 404,
      detail: `${what} ${id} does not exist`,
      ...(field ? { errors: [{ field, rule: 'exists', message: `${what} ${id} does not exist` }] } : {}),
    });
  },
  conflict(slug: string, title: string, detail: string, extensions: Record<string, unknown> = {}): ProblemException {
    return new ProblemException({ type: typeUri(slug), title, status: 409, detail, ...extensions });
  },
  preconditionFailed(detail: string, currentVersion: number): ProblemException {
    return new ProblemException({
      type: typeUri('stale-version'),
      title: 'Precondition failed',
      status: 412,
      detail,
      currentVersion,
    });
  },
  /** It existed, and is no more: a used or expired link (410). */
  gone(slug: string, detail: string): ProblemException {
    return new ProblemException({
      type: typeUri(slug),
      title: 'Link no longer valid',
      status: 410,
      detail,
      renewable: true,
    });
  },
  /** Signed in and allowed to see the record, but not to do this with it (403). */
  forbidden(slug: string, detail: string): ProblemException {
    return new ProblemException({ type: typeUri(slug), title: 'Not allowed', status: 403, detail });
  },
  /** Not signed in, or the credentials were not right (401). */
  unauthorized(slug: string, title: string, detail: string): ProblemException {
    return new ProblemException({ type: typeUri(slug), title, status: 401, detail });
  },
  /** Slow down: try again after `seconds` (429 with Retry-After). */
  tooManyRequests(slug: string, detail: string, seconds: number): ProblemException {
    return new ProblemException({
      type: typeUri(slug),
      title: 'Too many requests',
      status: 429,
      detail,
      retryAfterSeconds: seconds,
    });
  },
  fromStatus(status: number, detail: string): Problem {
    const title = STATUS_TITLES[status] ?? (status >= 500 ? 'Internal server error' : 'Request failed');
    return { type: status >= 500 ? typeUri('internal') : typeUri(slugOf(title)), title, status, detail };
  },
};

const STATUS_TITLES: Record<number, string> = {
  400: 'Invalid request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  410: 'Gone',
  415: 'Unsupported media type',
  422: 'Business rule violated',
  429: 'Too many requests',
  503: 'Service unavailable',
};

function slugOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z]+/g, '-');
}
