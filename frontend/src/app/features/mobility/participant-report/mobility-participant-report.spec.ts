import { FileHarness, MOBILITY, problem } from '@app/features/mobility/mobility.fixtures';
import { MobilityStay } from '@app/features/mobility/stay/mobility-stay';
import { MobilityParticipantReport } from './mobility-participant-report';

const EVALUATION = { ...MOBILITY, phase: 'evaluation' as const };

describe('MobilityParticipantReport', () => {
  let h: FileHarness<MobilityParticipantReport>;
  beforeEach(() => {
    h = new FileHarness(MobilityParticipantReport);
  });
  afterEach(() => h.http.verify());

  it('is not shown before the stay is over', async () => {
    await h.render();
    expect(h.el.querySelector('[data-testid="participant-report"]')).toBeNull();
  });

  it('records a request, then offers the next steps; a re-send too soon is explained', async () => {
    await h.render(EVALUATION);
    expect(h.el.querySelector('[data-testid="report-status"]')?.textContent).toContain('Not requested yet');
    h.button('Mark as requested').click();
    await h.settle();
    const post = h.expect1('POST', '/api/mobilities/m1/participant-report');
    expect(post.request.body).toEqual({ action: 'request' });
    expect(post.request.headers.get('If-Match')).toBe('"3"');
    post.flush(
      {
        ...EVALUATION,
        version: 4,
        participantReport: {
          ...EVALUATION.participantReport,
          status: 'requested',
          requestedAt: '2026-05-25T08:00:00Z',
          lastSentAt: '2026-05-25T08:00:00Z',
          resendableFrom: '2026-05-26T08:00:00Z',
        },
      },
      { headers: { ETag: '"4"' } },
    );
    await h.settle();
    h.expect1('GET', '/api/mobilities/m1/tasks').flush([]);
    h.expect1('GET', '/api/mobilities/m1/history').flush([]);
    await h.settle();
    expect(h.el.querySelector('[data-testid="report-status"]')?.textContent).toContain('Requested');
    expect(h.el.textContent).toContain('once per 24 hours');
    h.button('Mark as re-sent').click();
    await h.settle();
    h.expect1('POST', '/api/mobilities/m1/participant-report').flush(
      problem('participant-report-too-soon', 429, {
        title: 'Too soon',
        detail: 'The participant report can be re-sent once per 24 hours.',
        retryAfterSeconds: 3600,
      }),
      { status: 429, statusText: 'Too Many Requests' },
    );
    await h.settle();
    expect(h.el.querySelector('[role="alert"]')?.textContent).toContain('once per 24 hours');
  });

  it('flags an overdue report and offers nothing to a learner', async () => {
    await h.render({
      ...EVALUATION,
      yourRole: 'learner',
      participantReport: { ...EVALUATION.participantReport, status: 'requested', overdue: true },
    });
    expect(h.el.querySelector('[data-testid="report-status"]')?.textContent).toContain('overdue');
    expect(h.el.querySelectorAll('[data-testid="participant-report"] button')).toHaveLength(0);
  });
});

describe('MobilityStay', () => {
  let h: FileHarness<MobilityStay>;
  beforeEach(() => {
    h = new FileHarness(MobilityStay);
  });
  afterEach(() => h.http.verify());

  it('shows planned and actual dates of an interrupted stay, force majeure and a late learning agreement', async () => {
    await h.render({
      ...EVALUATION,
      learningAgreementCompletedOn: '2026-05-06',
      learningAgreementLate: true,
      interruption: {
        actualEndDate: '2026-05-12',
        actualDurationDays: 9,
        forceMajeure: true,
        reason: 'Flood',
        interruptedAt: '2026-05-13T08:00:00Z',
        interruptedBy: 'anna',
      },
    });
    expect(h.el.textContent).toContain('4 May 2026 – 24 May 2026 (21 days)');
    expect(h.el.querySelector('[data-testid="actual-dates"]')?.textContent).toContain('12 May 2026 (9 days)');
    expect(h.el.querySelector('[data-testid="force-majeure"]')).not.toBeNull();
    expect(h.el.querySelector('[data-testid="learning-agreement"]')?.textContent).toContain(
      'late: after the first day abroad',
    );
  });

  it('before departure: when implementation can start', async () => {
    await h.render();
    expect(h.el.textContent).toContain('Implementation from');
    expect(h.el.textContent).toContain('3 May 2026');
    expect(h.el.querySelector('[data-testid="actual-dates"]')).toBeNull();
  });
});
