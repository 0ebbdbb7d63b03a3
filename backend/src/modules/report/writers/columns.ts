import type { ReportHistoryRow, ReportTaskRow } from '@mobility-hub/domain';
import type { SheetColumn } from './cells';

const c = <T>(header: string, type: SheetColumn<T>['type'], width: number, value: SheetColumn<T>['value']) => ({
  header,
  type,
  width,
  value,
});

/** The final report's Tasks sheet: every checklist task of every mobility. */
export const TASK_SHEET_COLUMNS: readonly SheetColumn<ReportTaskRow>[] = [
  c('Mobility activity ID', 'text', 18, (r) => r.bmActivityId),
  c('Participant', 'text', 22, (r) => r.participant),
  c('Phase', 'text', 14, (r) => r.phase),
  c('Task', 'text', 36, (r) => r.title),
  c('Responsible', 'text', 12, (r) => r.responsible),
  c('Mandatory', 'yes-no', 10, (r) => r.mandatory),
  c('Due date', 'date', 12, (r) => r.dueDate),
  c('Status', 'text', 10, (r) => r.status),
  c('Done / waived at', 'instant', 18, (r) => r.doneAt),
  c('Done / waived by', 'text', 24, (r) => r.doneBy),
  c('Waiver reason', 'text', 30, (r) => r.waivedReason),
];

/** The final report's History sheet: lifecycle events of the mobilities and the project's events. */
export const HISTORY_SHEET_COLUMNS: readonly SheetColumn<ReportHistoryRow>[] = [
  c('At', 'instant', 18, (r) => r.at),
  c('Participant', 'text', 22, (r) => r.participant ?? '(project)'),
  c('Event', 'text', 22, (r) => r.event),
  c('From', 'text', 14, (r) => r.from),
  c('To', 'text', 14, (r) => r.to),
  c('By', 'text', 24, (r) => r.actor),
  c('Reason', 'text', 30, (r) => r.reason),
];
