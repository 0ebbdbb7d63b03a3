import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { signal } from '@angular/core';
import { problemType } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf, ProblemError, toApiProblem } from './problem';

function failure(status: number, body: unknown, headers: Record<string, string> = {}): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, headers: new HttpHeaders(headers), url: '/api/x' });
}

describe('toApiProblem', () => {
  it('keeps the type and reads Retry-After as seconds', () => {
    const problem = toApiProblem(
      failure(
        429,
        {
          type: problemType('link-recently-sent'),
          title: 'Too many requests',
          status: 429,
          detail: 'Wait.',
        },
        { 'Retry-After': '600' },
      ),
    );
    expect(problem).toMatchObject({
      status: 429,
      title: 'Too many requests',
      detail: 'Wait.',
      type: problemType('link-recently-sent'),
      retryAfterSeconds: 600,
    });
  });

  it('falls back to the body’s retryAfterSeconds, and reads an HTTP date', () => {
    expect(toApiProblem(failure(503, { title: 'Busy', retryAfterSeconds: 2 })).retryAfterSeconds).toBe(2);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    const seconds = toApiProblem(failure(429, {}, { 'Retry-After': inAMinute })).retryAfterSeconds ?? -1;
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('leaves both out when the API sent neither', () => {
    const problem = toApiProblem(failure(409, { title: 'Conflict', detail: 'no' }));
    expect('type' in problem).toBe(false);
    expect('retryAfterSeconds' in problem).toBe(false);
    expect(toApiProblem(failure(429, {}, { 'Retry-After': 'soon' })).retryAfterSeconds).toBeUndefined();
  });

  it('reads a problem sent as text (operations answering 204 ask for text, so their errors come as text)', () => {
    const body = JSON.stringify({
      type: problemType('link-used'),
      title: 'Link no longer valid',
      status: 410,
      detail: 'Used.',
    });
    expect(toApiProblem(failure(410, body))).toMatchObject({
      status: 410,
      title: 'Link no longer valid',
      detail: 'Used.',
      type: problemType('link-used'),
    });
    expect(toApiProblem(failure(502, '<html>Bad gateway</html>'))).toMatchObject({ status: 502, title: 'Error 502' });
  });
});

describe('the problem code', () => {
  it('is the registered code of the type, and null for a type the registry does not know', () => {
    expect(toApiProblem(failure(410, { type: problemType('link-used'), title: 'Gone' })).code).toBe('link-used');
    expect(toApiProblem(failure(409, { type: 'urn:other:link-used', title: 'Conflict' })).code).toBeNull();
    expect(toApiProblem(failure(409, { title: 'Conflict' })).code).toBeNull();
    expect(toApiProblem(new Error('boom')).code).toBeNull();
  });
});

describe('loadProblemOf', () => {
  it('gives back the problem a loader threw, and nothing while loading', async () => {
    const thrown = await loadOrExplain(() =>
      Promise.reject(failure(404, { type: problemType('not-found'), title: 'Not found', detail: 'No such thing' })),
    ).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as Error).message).toBe('Not found: No such thing');
    const error = signal<Error | undefined>(thrown as Error);
    const isLoading = signal(false);
    expect(loadProblemOf({ error, isLoading })).toMatchObject({ status: 404, code: 'not-found' });
    isLoading.set(true);
    expect(loadProblemOf({ error, isLoading })).toBeNull();
    isLoading.set(false);
    error.set(undefined);
    expect(loadProblemOf({ error, isLoading })).toBeNull();
  });
});
