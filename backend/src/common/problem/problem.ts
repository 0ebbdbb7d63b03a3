import { ProblemCode, ProblemCodeWith, problemType } from '@mobility-hub/domain';
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

/** An exception that already knows its problem document. */
export class ProblemException extends HttpException {
  constructor(readonly problem: Problem) {
    super(problem, problem.status);
  }
}

/** A 400 lists this many broken rules at most, and says how many more there were (`errorsOmitted`). */
export const MAX_LISTED_ERRORS = 20;

export const Problems = {
  /** The request does not have the shape the API describes (400). */
  invalidRequest(errors: FieldError[], detail = 'The request is not valid.'): ProblemException {
    const omitted = errors.length - MAX_LISTED_ERRORS;
    return new ProblemException({
      type: problemType('invalid-request'),
      title: 'Invalid request',
      status: 400,
      detail,
      errors: omitted > 0 ? errors.slice(0, MAX_LISTED_ERRORS) : errors,
      ...(omitted > 0 ? { errorsOmitted: omitted } : {}),
    });
  },
  /** Well-formed, but breaks a business rule (422). */
  ruleViolated(errors: readonly FieldError[], detail?: string): ProblemException {
    return new ProblemException({
      type: problemType('rule-violated'),
      title: 'Business rule violated',
      status: 422,
      detail: detail ?? errors.map((e) => e.message).join('; '),
      errors,
    });
  },
  notFound(what: string, id: string, field?: string): ProblemException {
    return new ProblemException({
      type: problemType('not-found'),
      title: 'Not found',
      status: 404,
      detail: `${what} ${id} does not exist`,
      ...(field ? { errors: [{ field, rule: 'exists', message: `${what} ${id} does not exist` }] } : {}),
    });
  },
  conflict(
    code: ProblemCodeWith<409>,
    title: string,
    detail: string,
    extensions: Record<string, unknown> = {},
  ): ProblemException {
    return new ProblemException({ type: problemType(code), title, status: 409, detail, ...extensions });
  },
  preconditionFailed(detail: string, currentVersion: number): ProblemException {
    return new ProblemException({
      type: problemType('stale-version'),
      title: 'Precondition failed',
      status: 412,
      detail,
      currentVersion,
    });
  },
  /** It existed, and is no more: a used or expired link (410). */
  gone(code: ProblemCodeWith<410>, detail: string): ProblemException {
    return new ProblemException({
      type: problemType(code),
      title: 'Link no longer valid',
      status: 410,
      detail,
      renewable: true,
    });
  },
  /** Signed in and allowed to see the record, but not to do this with it (403). */
  forbidden(code: ProblemCodeWith<403>, detail: string): ProblemException {
    return new ProblemException({ type: problemType(code), title: 'Not allowed', status: 403, detail });
  },
  /** Not signed in, or the credentials were not right (401). */
  unauthorized(code: ProblemCodeWith<401>, title: string, detail: string): ProblemException {
    return new ProblemException({ type: problemType(code), title, status: 401, detail });
  },
  /** Slow down: try again after `seconds` (429 with Retry-After). */
  tooManyRequests(code: ProblemCodeWith<429>, detail: string, seconds: number): ProblemException {
    return new ProblemException({
      type: problemType(code),
      title: 'Too many requests',
      status: 429,
      detail,
      retryAfterSeconds: seconds,
    });
  },
  /** The stored lifecycle state cannot be read by this build (500, never guessed at). */
  internal(code: ProblemCodeWith<500>, title: string, detail: string): ProblemException {
    return new ProblemException({ type: problemType(code), title, status: 500, detail });
  },
  /** What the HTTP layer answers on its own for a status (no route, wrong media type, timeouts …). */
  fromStatus(status: number, detail: string): Problem {
    const known = BY_STATUS[status];
    const [code, title] = known ?? (status >= 500 ? BY_STATUS[500] : BY_STATUS[0]);
    return { type: problemType(code), title, status, detail };
  },
};

/** The generic code and title of each status the HTTP layer answers by itself (0: any other 4xx). */
const BY_STATUS: Record<number, readonly [ProblemCode, string]> = {
  0: ['request-failed', 'Request failed'],
  400: ['invalid-request', 'Invalid request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  410: ['gone', 'Gone'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['rule-violated', 'Business rule violated'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal', 'Internal server error'],
  503: ['service-unavailable', 'Service unavailable'],
};
