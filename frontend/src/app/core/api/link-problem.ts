import type { ApiProblem } from './problem';

/**
 * Why a one-use link answered 410: used already (`link-used`), or expired (`link-expired`: its time
 * passed, or it was withdrawn). A 410 that names neither counts as expired.
 */
export function linkGone(problem: ApiProblem): 'used' | 'expired' {
  return problem.code === 'link-used' ? 'used' : 'expired';
}

/** The link does not work: unknown (404), used or expired (410). */
export function linkBroken(problem: ApiProblem): boolean {
  return problem.status === 404 || problem.status === 410;
}
