import {
  isParticipantReportOverdue,
  NO_PARTICIPANT_REPORT,
  ParticipantReportState,
  planParticipantReport,
} from './participant-report';

const at = (iso: string) => new Date(iso);
const requested: ParticipantReportState = {
  status: 'requested',
  requestedAt: at('2026-06-29T09:00:00Z'),
  lastSentAt: at('2026-06-29T09:00:00Z'),
  resentCount: 0,
  submittedAt: null,
};

describe('participant report steps (reference §4.7)', () => {
  it('a request ticks the requested task', () => {
    const plan = planParticipantReport(NO_PARTICIPANT_REPORT, 'request', 'evaluation', at('2026-06-29T09:00:00Z'));
    expect(plan).toEqual({ kind: 'record', next: requested, tickTask: 'participant-report-requested' });
  });

  it('is asked for once the stay is over, or to finish a withdrawn file; never before or once completed', () => {
    for (const phase of ['application', 'preparation', 'implementation', 'completed'] as const)
      expect(planParticipantReport(NO_PARTICIPANT_REPORT, 'request', phase, at('2026-06-29T09:00:00Z')).kind).toBe(
        'refused',
      );
    for (const phase of ['evaluation', 'finalisation', 'withdrawn'] as const)
      expect(planParticipantReport(NO_PARTICIPANT_REPORT, 'request', phase, at('2026-06-29T09:00:00Z')).kind).toBe(
        'record',
      );
  });

  it('re-sends at most once per 24 hours (boundary to the millisecond)', () => {
    expect(planParticipantReport(requested, 'resend', 'evaluation', at('2026-06-30T08:59:59.999Z'))).toEqual({
      kind: 'refused',
      code: 'participant-report-too-soon',
      message: 'The participant report can be re-sent once per 24 hours.',
      retryAt: at('2026-06-30T09:00:00Z'),
    });
    expect(planParticipantReport(requested, 'resend', 'evaluation', at('2026-06-30T09:00:00Z'))).toEqual({
      kind: 'record',
      next: { ...requested, lastSentAt: at('2026-06-30T09:00:00Z'), resentCount: 1 },
      tickTask: null,
    });
  });

  it('undelivered can be re-sent (back to requested) and submitted', () => {
    const undelivered = { ...requested, status: 'undelivered' as const };
    expect(planParticipantReport(requested, 'undelivered', 'evaluation', at('2026-06-29T10:00:00Z'))).toMatchObject({
      kind: 'record',
      next: undelivered,
    });
    expect(planParticipantReport(undelivered, 'resend', 'evaluation', at('2026-07-01T10:00:00Z'))).toMatchObject({
      kind: 'record',
      next: { status: 'requested', resentCount: 1 },
    });
    expect(planParticipantReport(undelivered, 'submitted', 'evaluation', at('2026-07-01T10:00:00Z'))).toMatchObject({
      kind: 'record',
      next: { status: 'submitted', submittedAt: at('2026-07-01T10:00:00Z') },
      tickTask: 'participant-report-submitted',
    });
  });

  it('refuses steps out of order', () => {
    const submitted = { ...requested, status: 'submitted' as const };
    const now = at('2026-07-10T10:00:00Z');
    expect(planParticipantReport(NO_PARTICIPANT_REPORT, 'resend', 'evaluation', now).kind).toBe('refused');
    expect(planParticipantReport(NO_PARTICIPANT_REPORT, 'submitted', 'evaluation', now).kind).toBe('refused');
    expect(planParticipantReport(requested, 'request', 'evaluation', now).kind).toBe('refused');
    expect(planParticipantReport(submitted, 'resend', 'evaluation', now).kind).toBe('refused');
    expect(planParticipantReport(submitted, 'excluded', 'evaluation', now).kind).toBe('refused');
    expect(planParticipantReport(requested, 'excluded', 'evaluation', now)).toMatchObject({
      kind: 'record',
      next: { status: 'excluded' },
    });
  });

  it('is overdue after the deadline while requested or undelivered', () => {
    expect(isParticipantReportOverdue('requested', '2026-07-28', '2026-07-28')).toBe(false);
    expect(isParticipantReportOverdue('requested', '2026-07-28', '2026-07-29')).toBe(true);
    expect(isParticipantReportOverdue('undelivered', '2026-07-28', '2026-07-29')).toBe(true);
    expect(isParticipantReportOverdue('submitted', '2026-07-28', '2026-07-29')).toBe(false);
    expect(isParticipantReportOverdue(null, '2026-07-28', '2026-07-29')).toBe(false);
    expect(isParticipantReportOverdue('requested', null, '2026-07-29')).toBe(false);
  });
});
