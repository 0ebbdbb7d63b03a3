import { HttpErrorResponse } from '@angular/common/http';
import type { FieldErrorDto, UnmetConditionDto } from '@mobility-hub/api-client';

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
}

/** Any error from HttpClient → an ApiProblem; network failures become a readable status 0. */
export function toApiProblem(error: unknown): ApiProblem {
  if (error instanceof HttpErrorResponse) {
    const body = (typeof error.error === 'object' && error.error !== null ? error.error : {}) as Record<string, unknown>;
    const status = error.status;
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
    };
  }
  return { status: 0, title: 'Unexpected error', detail: String(error), errors: [], unmet: [], stale: false };
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
 * Runs an API call for a resource loader: a failure becomes an Error whose message is the
 * problem's title and detail, ready to show as the resource's error.
 */
export async function loadOrExplain<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const problem = toApiProblem(error);
    throw new Error(`${problem.title}: ${problem.detail}`);
  }
}
