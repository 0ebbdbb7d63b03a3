import { checklistFacts } from './machine/facts.fixture';
import { advanceBlockers, interruptBlockers, UnmetCondition } from './machine/conditions';
import {
  earliestImplementationDay,
  formatDay,
  interruptedDuration,
  isLearningAgreementLate,
  outboundTravelDays,
  projectDateViolations,
} from './calendar';
import { planMobilityEdit, MobilityEditCurrent } from './mobility-edit';

const codes = (unmet: readonly UnmetCondition[]) => unmet.map((u) => u.code);

describe('implementation follows the calendar (T0 − outbound travel days, at least T0−1)', () => {
  it.each([
    [0, 1],
    [1, 1],
    [2, 1],
    [3, 2],
    [4, 2],
    [6, 3],
  ])('%i funded travel days: %i outbound', (travel, outbound) => {
    expect(outboundTravelDays(travel)).toBe(outbound);
  });

  it.each([
    // stay starts 2 March 2026; 2 travel days → from 1 March
    ['2026-02-28', 2, ['STAY_NOT_STARTED']],
    ['2026-03-01', 2, []],
    ['2026-03-02', 2, []],
    // green travel, 6 days → 3 outbound: from 27 February
    ['2026-02-26', 6, ['STAY_NOT_STARTED']],
    ['2026-02-27', 6, []],
    // no funded travel day: still the day before
    ['2026-02-28', 0, ['STAY_NOT_STARTED']],
    ['2026-03-01', 0, []],
  ] as const)('today %s with %i travel days → %j', (today, travelDays, expected) => {
    const facts = checklistFacts({ today, travelDays, startDate: '2026-03-02', endDate: '2026-03-29' });
    expect(codes(advanceBlockers('preparation', facts))).toEqual(expected);
  });

  it('says when implementation can start, in words a coordinator reads', () => {
    const facts = checklistFacts({ today: '2026-02-20', startDate: '2026-03-02', endDate: '2026-03-29' });
    expect(advanceBlockers('preparation', facts)).toEqual([
      {
        code: 'STAY_NOT_STARTED',
        earliestDate: '2026-03-01',
        message: 'The stay starts on 2 March: Implementation can start from 1 March',
      },
    ]);
    expect(earliestImplementationDay('2026-03-02', 2)).toBe('2026-03-01');
  });

  it('names the year when it is not this year', () => {
    expect(formatDay('2027-01-05', '2026-12-20')).toBe('5 January 2027');
    expect(formatDay('2026-12-31', '2026-12-20')).toBe('31 December');
  });
});

describe('evaluation follows the calendar (from T1, or the actual last day)', () => {
  it.each([
    ['2026-06-27', ['STAY_NOT_ENDED']],
    ['2026-06-28', []],
    ['2026-06-29', []],
  ] as const)('today %s → %j', (today, expected) => {
    expect(codes(advanceBlockers('implementation', checklistFacts({ today })))).toEqual(expected);
  });

  it('an interrupted stay may go on from its actual last day', () => {
    const facts = checklistFacts({ today: '2026-06-10', actualEndDate: '2026-06-10' });
    expect(advanceBlockers('implementation', facts)).toEqual([]);
    const before = checklistFacts({ today: '2026-06-09', actualEndDate: '2026-06-10' });
    expect(advanceBlockers('implementation', before)).toEqual([
      {
        code: 'STAY_NOT_ENDED',
        earliestDate: '2026-06-10',
        message: 'The stay ends on 10 June: Evaluation can start from that day (or record an interruption)',
      },
    ]);
  });

  it('other phases do not look at the calendar', () => {
    const early = checklistFacts({ today: '2020-01-01' });
    expect(advanceBlockers('application', early)).toEqual([]);
    expect(advanceBlockers('evaluation', early)).toEqual([]);
    expect(advanceBlockers('finalisation', early)).toEqual([]);
  });
});

describe('interruption dates', () => {
  // Stay 1–28 June 2026.
  const midStay = checklistFacts({ today: '2026-06-15' });
  const blockers = (actualEndDate: string | undefined, forceMajeure: boolean | undefined = true, reason = 'Flood') =>
    codes(interruptBlockers(midStay, reason, { actualEndDate, forceMajeure }));

  it.each([
    ['2026-05-31', ['INTERRUPTION_DATE_INVALID']], // T0 − 1
    ['2026-06-01', []], // T0
    ['2026-06-02', []], // T0 + 1
    ['2026-06-14', []], // yesterday
    ['2026-06-15', []], // today
    ['2026-06-16', ['INTERRUPTION_DATE_INVALID']], // tomorrow
  ] as const)('actual last day %s → %j', (day, expected) => {
    expect(blockers(day)).toEqual(expected);
  });

  it('the planned last day (T1) is no interruption; the day before is', () => {
    const lastDay = checklistFacts({ today: '2026-06-30' });
    expect(codes(interruptBlockers(lastDay, 'r', { actualEndDate: '2026-06-28', forceMajeure: false }))).toEqual([
      'INTERRUPTION_DATE_INVALID',
    ]);
    expect(interruptBlockers(lastDay, 'r', { actualEndDate: '2026-06-27', forceMajeure: false })).toEqual([]);
  });

  it('needs a reason, the day and the force-majeure flag, naming each', () => {
    expect(interruptBlockers(midStay, ' ', undefined)).toEqual([
      expect.objectContaining({ code: 'REASON_REQUIRED' }),
      expect.objectContaining({ code: 'INTERRUPTION_DETAILS_REQUIRED', field: 'actualEndDate' }),
      expect.objectContaining({ code: 'INTERRUPTION_DETAILS_REQUIRED', field: 'forceMajeure' }),
    ]);
    expect(blockers('15 June')).toEqual(['INTERRUPTION_DETAILS_REQUIRED']);
  });

  it('the future is refused with today named', () => {
    expect(interruptBlockers(midStay, 'r', { actualEndDate: '2026-06-20', forceMajeure: true })).toEqual([
      {
        code: 'INTERRUPTION_DATE_INVALID',
        field: 'actualEndDate',
        message: 'The actual last day cannot be in the future (today is 15 June)',
      },
    ]);
  });

  it('planned and actual duration', () => {
    expect(interruptedDuration({ startDate: '2026-06-01', endDate: '2026-06-28' }, '2026-06-09')).toEqual({
      plannedDays: 28,
      actualDays: 9,
      daysLost: 19,
    });
  });
});

describe('learning agreement completed before the first day abroad', () => {
  it.each([
    [null, false],
    ['2026-05-31', false],
    ['2026-06-01', true],
    ['2026-06-02', true],
  ] as const)('completed on %s → late %s', (day, late) => {
    expect(isLearningAgreementLate(day, '2026-06-01')).toBe(late);
  });
});

describe('mobility dates within the project', () => {
  const project = { startDate: '2026-01-01', endDate: '2027-06-30' };
  it('accepts the first and last project day', () => {
    expect(projectDateViolations({ startDate: '2026-01-01', endDate: '2027-06-30' }, project)).toEqual([]);
  });
  it('names startDate and endDate one day outside', () => {
    expect(
      projectDateViolations({ startDate: '2025-12-31', endDate: '2027-07-01' }, project).map((v) => v.field),
    ).toEqual(['startDate', 'endDate']);
  });

  const current: MobilityEditCurrent = {
    phase: 'preparation',
    activityType: 'LM-SHORT-VET',
    startDate: '2026-06-01',
    endDate: '2026-06-28',
    hostOrganisationId: null,
    mentorName: null,
    mentorEmail: null,
    travelDays: 2,
    greenTravel: false,
    fewerOpportunities: false,
    sendingCountry: 'DE',
  };
  it('planMobilityEdit refuses new dates outside the project (invalid, naming the field)', () => {
    expect(planMobilityEdit(current, { startDate: '2025-12-20', endDate: '2026-01-10' }, { project })).toEqual({
      kind: 'invalid',
      violations: [expect.objectContaining({ field: 'startDate', rule: 'within the project dates' })],
    });
    expect(planMobilityEdit(current, { startDate: '2027-06-20', endDate: '2027-07-10' }, { project })).toEqual({
      kind: 'invalid',
      violations: [expect.objectContaining({ field: 'endDate', rule: 'within the project dates' })],
    });
    expect(planMobilityEdit(current, { startDate: '2027-06-03', endDate: '2027-06-30' }, { project }).kind).toBe(
      'edit',
    );
  });
});

describe('planned dates of an interrupted stay', () => {
  const interrupted: MobilityEditCurrent = {
    phase: 'evaluation',
    activityType: 'LM-SHORT-VET',
    startDate: '2026-06-01',
    endDate: '2026-06-28',
    hostOrganisationId: null,
    mentorName: null,
    mentorEmail: null,
    travelDays: 2,
    greenTravel: false,
    fewerOpportunities: false,
    sendingCountry: 'DE',
    actualEndDate: '2026-06-09',
  };
  it('keep the actual last day inside them', () => {
    expect(planMobilityEdit(interrupted, { endDate: '2026-06-09' })).toMatchObject({
      kind: 'invalid',
      violations: expect.arrayContaining([
        expect.objectContaining({ field: 'endDate', rule: 'contains the actual last day' }),
      ]),
    });
    expect(planMobilityEdit(interrupted, { startDate: '2026-06-10', endDate: '2026-07-01' })).toMatchObject({
      kind: 'invalid',
      violations: [expect.objectContaining({ field: 'startDate' })],
    });
    expect(planMobilityEdit(interrupted, { endDate: '2026-06-10' }).kind).toBe('edit');
  });
});
