import type { ReportMobilityRow } from './report-rows';
import { summariseReport } from './summary';

const base: ReportMobilityRow = {
  id: 'm1',
  bmActivityId: '123456-MOB-00001',
  activityType: 'LM-SHORT-VET',
  bmActivityType: 'LM-SHORT-VET',
  participant: { firstName: 'Lena', lastName: 'Schmidt', email: 'lena@example.org', dateOfBirth: null },
  accompanying: false,
  fewerOpportunities: false,
  sending: { name: 'School', oid: 'E10000001', country: 'DE', city: 'Berlin' },
  receiving: { name: 'Host', oid: null, country: 'FR', city: 'Lyon' },
  startDate: '2026-03-01',
  endDate: '2026-03-14',
  actualEndDate: null,
  travelDays: 2,
  greenTravel: false,
  forceMajeure: false,
  interruptionReason: null,
  state: 'preparation',
  placementConfirmedAt: null,
  mentorName: null,
  mentorEmail: null,
  insuranceComplete: true,
  participantReport: { status: null, requestedAt: null, submittedAt: null },
  tasks: { total: 0, done: 0, overdue: 0 },
  keyTasks: {},
};

const row = (over: Partial<ReportMobilityRow>): ReportMobilityRow => ({ ...base, ...over });
const stats = { onTime: 3, late: 1, open: 2, waived: 1 };

describe('summariseReport', () => {
  it('is a valid empty summary for a project without mobilities', () => {
    const s = summariseReport([], stats, '2026-06-01');
    expect(s.mobilities).toBe(0);
    expect(s.participants).toBe(0);
    expect(s.byActivityType).toEqual([]);
    expect(s.daysAbroad).toEqual({ total: 0, average: 0 });
    expect(s.greenTravel).toEqual({ count: 0, share: 0 });
    expect(s.tasks).toEqual(stats);
  });

  it('counts by activity type, host country and state, most first', () => {
    const s = summariseReport(
      [
        row({ id: 'a' }),
        row({ id: 'b', receiving: { name: 'H2', oid: null, country: 'ES', city: null } }),
        row({ id: 'c', activityType: 'SM-JOB-SHDW', state: 'completed' }),
        row({ id: 'd', receiving: null }),
      ],
      stats,
      '2026-06-01',
    );
    expect(s.mobilities).toBe(4);
    expect(s.byActivityType).toEqual([
      { key: 'LM-SHORT-VET', count: 3 },
      { key: 'SM-JOB-SHDW', count: 1 },
    ]);
    expect(s.byHostCountry).toEqual([
      { key: 'FR', count: 2 },
      { key: 'ES', count: 1 },
      { key: '—', count: 1 },
    ]);
    expect(s.byState).toEqual([
      { key: 'preparation', count: 3 },
      { key: 'completed', count: 1 },
    ]);
    // the same e-mail on two mobilities is one participant
    expect(s.participants).toBe(1);
  });

  it('adds the days abroad with interruptions deducted and withdrawals that never left at zero', () => {
    const s = summariseReport(
      [
        row({ id: 'a' }), // 14 days
        row({ id: 'b', actualEndDate: '2026-03-10', interruptionReason: 'illness', forceMajeure: true }), // 10
        row({ id: 'c', state: 'withdrawn' }), // 0
        row({ id: 'x', accompanying: true }), // not a participant's mobility
      ],
      stats,
      '2026-06-01',
      new Map([['c', 'changed school']]),
    );
    expect(s.mobilities).toBe(3);
    expect(s.daysAbroad).toEqual({ total: 24, average: 12 });
    expect(s.withdrawals).toEqual([{ participant: 'Lena Schmidt', reason: 'changed school' }]);
    expect(s.interruptions).toEqual([{ participant: 'Lena Schmidt', reason: 'illness', forceMajeure: true }]);
  });

  it('counts green travel with its share, fewer opportunities and participant reports', () => {
    const s = summariseReport(
      [
        row({ id: 'a', greenTravel: true, fewerOpportunities: true }),
        row({ id: 'b', greenTravel: true }),
        row({
          id: 'c',
          participantReport: {
            status: 'submitted',
            requestedAt: '2026-04-01T10:00:00Z',
            submittedAt: '2026-04-03T10:00:00Z',
          },
        }),
      ],
      stats,
      '2026-06-01',
    );
    expect(s.greenTravel).toEqual({ count: 2, share: 0.667 });
    expect(s.fewerOpportunities).toBe(1);
    expect(s.participantReports).toEqual({ requested: 1, submitted: 1 });
  });
});
