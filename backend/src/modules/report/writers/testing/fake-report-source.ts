import type { ReportMobilityRow, ReportProject, ReportSummary, Tally } from '@mobility-hub/domain';
import type { ReportSource } from '../report-writer';

/**
 * A ReportSource over in-memory rows, for writer unit tests and measurements: no database. The
 * summary is whatever the test passes (or a plain count of the rows), so a test can check that
 * each figure it chose is printed.
 */
export const fakeProject: ReportProject = {
  id: '00000000-0000-4000-8000-000000000001',
  reference: '2026-1-DE02-KA121-VET-000123456',
  action: 'KA121-VET',
  callYear: 2026,
  startDate: '2026-06-01',
  endDate: '2027-08-31',
  beneficiary: { name: 'Berufskolleg Köln-Süd', oid: 'E10209012', country: 'DE', city: 'Köln' },
};

const FIRST = ['Łukasz', 'Zofia', 'Şahin', 'Ayşe', 'Øyvind', 'Åsa', 'Ana', 'Jürgen', 'Chloé', 'Mateo'];
const LAST = ['Wiśniewski', 'Żółkowska', 'Yılmaz', 'Çelik', 'Ødegård', 'Bjørnstad', 'Kovačević', 'Groß', 'Lefèvre'];
const HOSTS = [
  { name: 'Ødegård Verksted AS', oid: 'E10000001', country: 'NO', city: 'Bergen' },
  { name: 'Kovačević d.o.o.', oid: 'E10000002', country: 'HR', city: 'Split' },
  { name: 'Şahin Otomotiv A.Ş.', oid: 'E10000003', country: 'TR', city: 'İzmir' },
  { name: 'Zakład Mechaniczny Łódź', oid: 'E10000004', country: 'PL', city: 'Łódź' },
  { name: 'Taller Núñez', oid: 'E10000005', country: 'ES', city: 'Málaga' },
];
const STATES = [
  'application',
  'preparation',
  'implementation',
  'evaluation',
  'finalisation',
  'completed',
  'withdrawn',
] as const;
const TYPES = ['LM-SHORT-VET', 'LM-LONG-VET', 'SM-JOB-SHDW'] as const;

/** `count` mobility rows with varied names (Polish, Turkish, Nordic, Croatian letters), hosts, states. */
export function fakeMobilityRows(count: number): ReportMobilityRow[] {
  return Array.from({ length: count }, (_, i): ReportMobilityRow => {
    const n = i + 1;
    const type = TYPES[i % TYPES.length];
    const host = HOSTS[i % HOSTS.length];
    const interrupted = i % 37 === 5;
    return {
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      bmActivityId: `123456-MOB-${String(n).padStart(5, '0')}`,
      activityType: type,
      bmActivityType: type,
      participant: {
        firstName: FIRST[i % FIRST.length],
        lastName: `${LAST[i % LAST.length]}${n}`,
        email: `p${n}@example.org`,
        dateOfBirth: '2007-05-01',
      },
      accompanying: i % 50 === 49,
      fewerOpportunities: i % 4 === 0,
      sending: { name: fakeProject.beneficiary.name, oid: 'E10209012', country: 'DE', city: 'Köln' },
      receiving: i % 97 === 96 ? null : host,
      startDate: '2026-09-07',
      endDate: type === 'LM-LONG-VET' ? '2026-12-31' : '2026-10-02',
      actualEndDate: interrupted ? '2026-09-25' : null,
      travelDays: 2,
      greenTravel: i % 3 === 0,
      forceMajeure: interrupted && i % 2 === 0,
      interruptionReason: interrupted ? 'illness' : null,
      state: STATES[i % STATES.length],
      placementConfirmedAt: null,
      mentorName: null,
      mentorEmail: null,
      insuranceComplete: true,
      participantReport: { status: null, requestedAt: null, submittedAt: null },
      tasks: { total: 50, done: 20, overdue: 1 },
      keyTasks: {},
    };
  });
}

function tally(values: string[]): Tally {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
}

/** A plain summary of the rows (the real figures come from the report service). */
export function plainSummary(rows: readonly ReportMobilityRow[]): ReportSummary {
  const mobilities = rows.filter((r) => !r.accompanying);
  const green = mobilities.filter((r) => r.greenTravel).length;
  return {
    mobilities: mobilities.length,
    participants: mobilities.length,
    byActivityType: tally(mobilities.map((r) => r.activityType)),
    byHostCountry: tally(mobilities.map((r) => r.receiving?.country ?? '—')),
    byState: tally(mobilities.map((r) => r.state)),
    daysAbroad: { total: mobilities.length * 26, average: mobilities.length ? 26 : 0 },
    greenTravel: { count: green, share: mobilities.length ? Math.round((green / mobilities.length) * 1000) / 1000 : 0 },
    fewerOpportunities: mobilities.filter((r) => r.fewerOpportunities).length,
    withdrawals: [],
    interruptions: [],
    participantReports: { requested: 0, submitted: 0 },
    tasks: { onTime: 0, late: 0, open: 0, waived: 0 },
  };
}

export function fakeReportSource(
  rows: readonly ReportMobilityRow[],
  overrides: Partial<Pick<ReportSource, 'project' | 'summary' | 'generatedAt' | 'generatedBy' | 'timeZone'>> = {},
): ReportSource {
  return {
    project: overrides.project ?? fakeProject,
    generatedAt: overrides.generatedAt ?? new Date('2027-09-15T14:30:00Z'),
    generatedBy: overrides.generatedBy ?? 'Åsa Ødegård-Wiśniewska',
    timeZone: overrides.timeZone ?? 'Europe/Berlin',
    summary: overrides.summary ?? plainSummary(rows),
    counts: { mobilities: rows.length, tasks: 0, history: 0 },
    options: { delimiter: ';' },
    async *mobilities() {
      yield* rows;
    },
    async *tasks() {
      // none
    },
    async *history() {
      // none
    },
  };
}
