import { HttpErrorResponse } from '@angular/common/http';
import type { Resource } from '@angular/core';
import type { FieldErrorDto, UnmetConditionDto } from '@mobility-hub/api-client';
import { problemCodeOf, type ProblemCode } from '@mobility-hub/domain';

/** An RFC 9457 problem as the API sends it (application/problem+json), made safe to show. */
export interface ApiProblem {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Field-level errors: `field` is a dotted path such as `participant.email`. */
  readonly errors: readonly FieldErrorDto[];
  /** Why a lifecycle event was refused (409 from POST /mobilities/:id/events). */
  readonly unmet: readonly UnmetConditionDto[];
  /** Someone else changed the record (412): the page should offer to reload. */
  readonly stale: boolean;
  /** The problem's type URI (e.g. `urn:mobility-hub:problem:link-expired`), when the API sent one. */
  readonly type?: string;
  /** The registered code of `type` (libs/domain problem-codes): what pages compare against; null when unknown. */
  readonly code: ProblemCode | null;
  /** 429 / 503: wait this many seconds before trying again (the Retry-After header, else the body's `retryAfterSeconds`). */
  readonly retryAfterSeconds?: number;
}

/** Any error from HttpClient → an ApiProblem; network failures become a readable status 0. */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) {
    const body = problemBody(error.error);
    const status = error.status;
    const retryAfterSeconds =
      retryAfter(error.headers?.get('retry-after') ?? null) ?? retryAfter(body['retryAfterSeconds']);
    return {
      status,
      title: typeof body['title'] === 'string' ? body['title'] : status === 0 ? 'No connection' : `Error ${status}`,
      detail:
        typeof body['detail'] === 'string'
          ? body['detail']
          : status === 0
            ? 'The server cannot be reached. Check your connection and try again.'
            : error.message,
      errors: Array.isArray(body['errors']) ? (body['errors'] as FieldErrorDto[]) : [],
      unmet: Array.isArray(body['unmet']) ? (body['unmet'] as UnmetConditionDto[]) : [],
      stale: status === 412,
      ...(typeof body['type'] === 'string' ? { type: body['type'] } : {}),
      code: problemCodeOf(typeof body['type'] === 'string' ? body['type'] : null),
      ...(retryAfterSeconds !== null ? { retryAfterSeconds } : {}),
    };
  }
  if (error instanceof ProblemError) return error.problem;
  return {
    status: 0,
    title: 'Unexpected error',
    detail: String(error),
    errors: [],
    unmet: [],
    stale: false,
    code: null,
  };
}

/**
 * The problem's JSON: parsed already, or still text when the call expected no JSON (the operations
 * answering 204 — a reset password, signing out — ask for text, and so get their errors as text).
 */
function problemBody(body: unknown): Record<string, unknown> {
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

/** Retry-After as delay-seconds (or an HTTP date) → whole seconds from now; null when absent or unreadable. */
function retryAfter(value: unknown, now = Date.now()): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.ceil(value) : null;
  if (typeof value !== 'string' || !value.trim()) return null;
  if (/^\s*\d+\s*$/.test(value)) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** The messages for one field (exact path, or nested below it), joined for display. */
export function fieldMessage(problem: ApiProblem | null, field: string): string | null {
  if (!problem) return null;
  const messages = problem.errors
    .filter((e) => e.field === field || e.field.startsWith(`${field}.`))
    .map((e) => e.message);
  return messages.length ? [...new Set(messages)].join('; ') : null;
}

/**
 * What a resource loader throws: an Error whose message is the problem's title and detail (ready to
 * show as the resource's error), with the whole problem kept for pages that react to its status or code.
 */
export class ProblemError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(`${problem.title}: ${problem.detail}`);
    this.name = 'ProblemError';
  }
}

/** Runs an API call for a resource loader: a failure becomes a ProblemError. */
export async function loadOrExplain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new ProblemError(toApiProblem(error));
  }
}

/**
 * Why a resource's last load failed, as an ApiProblem; null while it loads (again) and when it did not fail.
 * Read it in a `computed` (it reads the resource's signals).
 */
export function loadProblemOf(resource: Pick<Resource<unknown>, 'error' | 'isLoading'>): ApiProblem | null {
  if (resource.isLoading()) return null;
  const error = resource.error();
  return error ? toApiProblem(error) : null;
}
