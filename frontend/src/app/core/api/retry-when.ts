import type { ApiProblem } from './problem';

/**
 * "after 22:17 (in about 10 minutes)", from a 429's Retry-After; null when the API said no time.
 * `now` is for tests.
 */
export function retryWhen(problem: Pick<ApiProblem, 'retryAfterSeconds'>, now = Date.now()): string | null {
  const seconds = problem.retryAfterSeconds;
  if (seconds === undefined) return null;
  const at = new Date(now + seconds * 1000);
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(at);
  const minutes = Math.ceil(seconds / 60);
  const wait =
    seconds < 60 ? 'in less than a minute' : minutes === 1 ? 'in about a minute' : `in about ${minutes} minutes`;
  return `after ${time} (${wait})`;
}
