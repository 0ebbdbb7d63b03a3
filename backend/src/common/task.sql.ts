import { FINAL_STATES } from '@mobility-hub/domain';

const FINAL = FINAL_STATES.map((s) => `'${s}'`).join(', ');

/**
 * SQL twin of the domain's `isTaskPending` for task alias `t` of mobility alias `m`: open, and
 * mandatory or of the mobility's current phase, while the mobility is not completed or withdrawn.
 */
export function pendingTaskSql(t = 't', m = 'm'): string {
  return `${t}.status = 'open' AND (${t}.mandatory OR ${t}.phase = ${m}.phase) AND ${m}.phase NOT IN (${FINAL})`;
}

/**
 * SQL twin of `isTaskOverdue`: a pending task due before `today` (a parameter such as `$1`) that is
 * not a catch-up task (due before the day its schedule was set).
 */
export function overdueTaskSql(today: string, t = 't', m = 'm'): string {
  return `${pendingTaskSql(t, m)} AND ${t}.due_date < ${today} AND ${t}.due_date >= ${t}.scheduled_on`;
}

/** SQL twin of `isTaskCatchUp`: a pending task due before the day its schedule was set. */
export function catchUpTaskSql(t = 't', m = 'm'): string {
  return `${pendingTaskSql(t, m)} AND ${t}.due_date < ${t}.scheduled_on`;
}
