import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';

const names = new Map<string, string>();

/** A stable name per statement text: the same text always gets the same name, another text another. */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `mh_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * `em.query`, as a named prepared statement: PostgreSQL parses and plans the text once per
 * connection (after a few runs it keeps a generic plan), instead of every time. For statements on
 * hot paths whose planning costs more than their execution (joins, laterals, json_build_object on
 * a handful of rows by primary key). Same results and errors as `em.query` (TypeORM hands the
 * query config through to pg: UPDATE/DELETE answer `[rows, affected]`, failures QueryFailedError).
 * Needs a session-level connection (no transaction-mode pooler between the API and PostgreSQL).
 */
export function preparedQuery<T = unknown>(em: EntityManager, text: string, params: unknown[]): Promise<T> {
  const statement = { name: nameOf(text), text };
  // TypeORM's signature says string; pg's client.query takes this config object as its first argument.
  return em.query(statement as unknown as string, params) as Promise<T>;
}
