import { BM_MOBILITY_COLUMNS } from './columns';
import { validateBmRow } from './bm-rules';
import type { ReportMobilityRow, ReportProject } from './report-rows';

const project: ReportProject = {
  id: 'p1',
  reference: '2026-1-DE02-KA121-VET-000123456',
  action: 'KA121-VET',
  callYear: 2026,
  startDate: '2026-06-01',
  endDate: '2027-08-31',
  beneficiary: { name: 'Berufskolleg Köln', oid: 'E10209012', country: 'DE', city: 'Köln' },
};

const valid: ReportMobilityRow = {
  id: 'm1',
  bmActivityId: '123456-MOB-00001',
  activityType: 'LM-SHORT-VET',
  bmActivityType: 'LM-SHORT-VET',
  participant: { firstName: 'Łukasz', lastName: 'Kovačević', email: 'lukasz@example.org', dateOfBirth: '2008-04-02' },
  accompanying: false,
  fewerOpportunities: false,
  sending: { name: 'Berufskolleg Köln', oid: 'E10209012', country: 'DE', city: 'Köln' },
  receiving: { name: 'Ødegård Verksted AS', oid: 'E10000001', country: 'NO', city: 'Bergen' },
  startDate: '2026-09-07',
  endDate: '2026-10-02',
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
  tasks: { total: 10, done: 4, overdue: 0 },
  keyTasks: {},
};

type Change = Omit<Partial<ReportMobilityRow>, 'participant' | 'sending'> & {
  participant?: Partial<ReportMobilityRow['participant']>;
  sending?: Partial<ReportMobilityRow['sending']>;
};

function rowWith(change: Change): ReportMobilityRow {
  const { participant, sending, ...rest } = change;
  return {
    ...valid,
    ...rest,
    participant: { ...valid.participant, ...participant },
    sending: { ...valid.sending, ...sending },
  };
}

const receiving = valid.receiving as NonNullable<ReportMobilityRow['receiving']>;

describe('validateBmRow: the BM rules of one mobility row', () => {
  it('accepts a complete row', () => {
    expect(validateBmRow(valid, project)).toEqual([]);
  });

  it.each<[string, Change, string, string]>([
    ['no mobility activity ID', { bmActivityId: '' }, 'bmActivityId', 'required'],
    [
      'an unknown activity type',
      { activityType: 'KA999', bmActivityType: null },
      'activityType',
      'known activity type',
    ],
    [
      'group mobility (no BM activity-type code)',
      { activityType: 'LM-GROUP-VET', bmActivityType: null, startDate: '2026-09-07', endDate: '2026-09-20' },
      'activityType',
      'BM activity-type code',
    ],
    [
      'a preparatory visit (its own BM section)',
      { activityType: 'PREP-VISIT', bmActivityType: null },
      'activityType',
      'BM activity-type code',
    ],
    ['no first name', { participant: { firstName: ' ' } }, 'firstName', 'required'],
    ['no last name', { participant: { lastName: '' } }, 'lastName', 'required'],
    ['no e-mail', { participant: { email: '' } }, 'email', 'required'],
    ['an e-mail without a domain', { participant: { email: 'lukasz@example' } }, 'email', 'e-mail format'],
    ['an e-mail with a space', { participant: { email: 'łukasz nowak@example.org' } }, 'email', 'e-mail format'],
    ['no sending OID', { sending: { oid: null } }, 'sendingOid', 'required'],
    ['a sending OID in the wrong format', { sending: { oid: 'E1020901' } }, 'sendingOid', 'OID format E + 8 digits'],
    ['no sending city', { sending: { city: null } }, 'sendingCity', 'required'],
    ['no sending country', { sending: { country: '' } }, 'sendingCountry', 'required'],
    ['no receiving organisation', { receiving: null }, 'receivingName', 'required'],
    ['no receiving OID', { receiving: { ...receiving, oid: null } }, 'receivingOid', 'required'],
    [
      'a receiving OID that is a PIC',
      { receiving: { ...receiving, oid: '949999999' } },
      'receivingOid',
      'OID format E + 8 digits',
    ],
    ['no receiving country', { receiving: { ...receiving, country: ' ' } }, 'receivingCountry', 'required'],
    ['no receiving city', { receiving: { ...receiving, city: null } }, 'receivingCity', 'required'],
    [
      'a host in the sending country',
      { receiving: { ...receiving, country: 'de' } },
      'receivingCountry',
      'receiving country differs from sending country',
    ],
    ['no start date', { startDate: '' }, 'startDate', 'required'],
    ['no end date', { endDate: '2026-02-30' }, 'endDate', 'required'],
    ['an end before the start', { endDate: '2026-09-01' }, 'endDate', 'end date not before start date'],
    [
      'a start before the project',
      { startDate: '2026-05-20', endDate: '2026-06-10' },
      'startDate',
      'within project dates',
    ],
    ['an end after the project', { startDate: '2027-08-20', endDate: '2027-09-05' }, 'endDate', 'within project dates'],
    ['a short stay of 9 days', { endDate: '2026-09-15' }, 'durationDays', 'duration 10-89 days'],
    ['a short stay of 90 days', { endDate: '2026-12-05' }, 'durationDays', 'duration 10-89 days'],
    [
      'a stay interrupted after 5 days without force majeure',
      { actualEndDate: '2026-09-11', interruptionReason: 'homesick' },
      'durationDays',
      'duration 10-89 days',
    ],
    [
      'a last day abroad after the end date',
      { actualEndDate: '2026-10-05' },
      'interruptedDays',
      'interruption within the stay',
    ],
    ['3 travel days without green travel', { travelDays: 3 }, 'travelDays', 'travel days ≤ 2'],
    [
      '7 travel days with green travel',
      { travelDays: 7, greenTravel: true },
      'travelDays',
      'travel days ≤ 6 with green travel',
    ],
    ['negative travel days', { travelDays: -1 }, 'travelDays', 'whole number of days'],
  ])('%s', (_name, change, field, rule) => {
    const violations = validateBmRow(rowWith(change), project);
    expect(violations.map((v) => [v.field, v.rule])).toEqual([[field, rule]]);
    const [violation] = violations;
    expect(violation.mobilityId).toBe('m1');
    expect(BM_MOBILITY_COLUMNS.map((c) => c.key)).toContain(violation.field);
    expect(violation.message.length).toBeGreaterThan(20);
  });

  it('holds back a withdrawal before departure, not one after the stay began', () => {
    const before = validateBmRow(rowWith({ state: 'withdrawn', actualEndDate: null }), project);
    expect(before.map((v) => [v.field, v.rule])).toEqual([['bmActivityId', 'withdrawn before departure']]);
    // Withdrawn during the stay (an interruption recorded): reported with its actual dates.
    const during = validateBmRow(rowWith({ state: 'withdrawn', actualEndDate: valid.startDate }), project);
    expect(during.map((v) => v.rule)).not.toContain('withdrawn before departure');
  });

  it('names the participant in the message', () => {
    const [violation] = validateBmRow(rowWith({ sending: { oid: 'X' } }), project);
    expect(violation.participant).toBe('Łukasz Kovačević');
    expect(violation.message).toMatch(/^Łukasz Kovačević: .*OID "X".*E followed by 8 digits/);
  });

  it('says how the BM records group mobility and preparatory visits instead', () => {
    const [group] = validateBmRow(
      rowWith({ activityType: 'LM-GROUP-VET', bmActivityType: null, endDate: '2026-09-20' }),
      project,
    );
    expect(group.message).toMatch(/group tab/);
    const [visit] = validateBmRow(rowWith({ activityType: 'PREP-VISIT', bmActivityType: null }), project);
    expect(visit.message).toMatch(/Preparatory visits section/);
  });

  it('counts first and last day and deducts the interruption (BM duration)', () => {
    expect(validateBmRow(rowWith({ endDate: '2026-09-16' }), project)).toEqual([]); // 10 days
    expect(validateBmRow(rowWith({ endDate: '2026-12-04' }), project)).toEqual([]); // 89 days
    expect(validateBmRow(rowWith({ actualEndDate: '2026-09-16' }), project)).toEqual([]); // 10 days abroad
    const [short] = validateBmRow(rowWith({ actualEndDate: '2026-09-15' }), project);
    expect(short.message).toMatch(/interrupted after 2026-09-15 .* lasted 9 days/);
  });

  it('leaves the minimum to the National Agency under force majeure and for accompanying persons, not the maximum', () => {
    expect(validateBmRow(rowWith({ actualEndDate: '2026-09-09', forceMajeure: true }), project)).toEqual([]);
    expect(validateBmRow(rowWith({ accompanying: true, endDate: '2026-09-09' }), project)).toEqual([]);
    expect(validateBmRow(rowWith({ accompanying: true, endDate: '2026-12-05' }), project)).toHaveLength(1);
  });

  it('takes unconfirmed limits only from configuration', () => {
    const expert = rowWith({
      activityType: 'OA-INV-EXP',
      bmActivityType: 'OA-INV-EXP',
      startDate: '2026-09-07',
      endDate: '2026-09-07',
    });
    expect(validateBmRow(expert, project)).toEqual([]);
    const violations = validateBmRow(expert, project, { 'OA-INV-EXP': { minDays: 2, maxDays: 60 } });
    expect(violations.map((v) => [v.field, v.rule])).toEqual([['durationDays', 'duration 2-60 days']]);
  });

  it('lets configuration override a programme limit', () => {
    const row = rowWith({ activityType: 'SM-COUR-TRAIN', bmActivityType: 'SM-COUR-TRAIN', endDate: '2026-09-20' });
    expect(validateBmRow(row, project)).toEqual([]); // 14 days within 2-30
    expect(validateBmRow(row, project, { 'SM-COUR-TRAIN': { minDays: 2, maxDays: 10 } })[0].rule).toBe(
      'duration 2-10 days',
    );
  });

  it('does not ask an incoming activity to go abroad', () => {
    const row = rowWith({
      activityType: 'OA-HOS-TTT',
      bmActivityType: 'OA-HOS-TTT',
      receiving: { ...receiving, country: 'DE' },
    });
    expect(validateBmRow(row, project)).toEqual([]);
  });

  it('lists every broken rule of a row', () => {
    const violations = validateBmRow(
      rowWith({ participant: { email: '' }, sending: { oid: null }, travelDays: 9 }),
      project,
    );
    expect(violations.map((v) => v.field)).toEqual(['email', 'sendingOid', 'travelDays']);
  });
});
