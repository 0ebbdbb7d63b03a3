import { QueryFailedError } from 'typeorm';

/**
 * True when `error` is PostgreSQL's unique violation (SQLSTATE 23505) of the named constraint: the
 * loser of two concurrent inserts that both passed the "does it exist yet?" check.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown; constraint?: unknown } | undefined;
  return driverError?.code === '23505' && driverError.constraint === constraint;
}
