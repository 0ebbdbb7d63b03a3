import type { IsoDate } from '../dates';
import { durationDays } from './columns';
import type { ReportMobilityRow, ReportSummary, Tally } from './report-rows';

/** Task figures of the summary, counted in SQL (100,000 tasks are never read for them). */
export interface ReportTaskStats {
  readonly onTime: number;
  readonly late: number;
  readonly open: number;
  readonly waived: number;
}

function tally(values: Iterable<string>): Tally {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

const nameOf = (row: ReportMobilityRow) => `${row.participant.firstName} ${row.participant.lastName}`;

/** Days abroad of one mobility: none for a withdrawal that never left (no actual last day). */
function daysAbroadOf(row: ReportMobilityRow): number {
  if (row.state === 'withdrawn' && !row.actualEndDate) return 0;
  return Math.max(0, durationDays(row));
}

/**
 * The report's summary figures from its mobility rows (accompanying persons' rows are not
 * mobilities of participants and are left out) and the task figures counted in SQL.
 * `withdrawalReasons`: the reason recorded with each withdrawn mobility's lifecycle event, by id.
 */
export function summariseReport(
  rows: readonly ReportMobilityRow[],
  taskStats: ReportTaskStats,
  today: IsoDate,
  withdrawalReasons: ReadonlyMap<string, string | null> = new Map(),
): ReportSummary {
  void today; // figures are as recorded; kept for callers that date the summary
  const mobilities = rows.filter((r) => !r.accompanying);
  const participants = new Set(mobilities.map((r) => r.participant.email.toLowerCase())).size;
  const abroad = mobilities.filter((r) => daysAbroadOf(r) > 0);
  const total = abroad.reduce((sum, r) => sum + daysAbroadOf(r), 0);
  const green = mobilities.filter((r) => r.greenTravel).length;
  return {
    mobilities: mobilities.length,
    participants,
    byActivityType: tally(mobilities.map((r) => r.activityType)),
    byHostCountry: tally(mobilities.map((r) => r.receiving?.country ?? '—')),
    byState: tally(mobilities.map((r) => r.state)),
    daysAbroad: { total, average: abroad.length ? round1(total / abroad.length) : 0 },
    greenTravel: { count: green, share: mobilities.length ? round3(green / mobilities.length) : 0 },
    fewerOpportunities: mobilities.filter((r) => r.fewerOpportunities).length,
    withdrawals: mobilities
      .filter((r) => r.state === 'withdrawn')
      .map((r) => ({ participant: nameOf(r), reason: withdrawalReasons.get(r.id) ?? null })),
    interruptions: mobilities
      .filter((r) => r.actualEndDate !== null)
      .map((r) => ({ participant: nameOf(r), reason: r.interruptionReason, forceMajeure: r.forceMajeure })),
    participantReports: {
      requested: mobilities.filter((r) => r.participantReport.requestedAt !== null).length,
      submitted: mobilities.filter((r) => r.participantReport.submittedAt !== null).length,
    },
    tasks: { ...taskStats },
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
