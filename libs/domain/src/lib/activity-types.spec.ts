import {
  ACTIVITY_FAMILIES,
  ACTIVITY_TYPE_CODES,
  ACTIVITY_TYPES,
  ActivityFamily,
  ActivityTypeCode,
  activityDays,
  activityFamily,
  durationLimit,
  DurationLimits,
  DURATION_COUNTS_FIRST_AND_LAST_DAY,
  isActivityTypeCode,
  validateMobilityDates,
} from './activity-types';
import { addDays } from './dates';

/** The limits of reference §1.3, pinned so that a change to them is a deliberate one. */
const EXPECTED_LIMITS: Record<
  ActivityTypeCode,
  { category: 'learner' | 'staff'; family: ActivityFamily; minDays: number | null; maxDays: number | null }
> = {
  'LM-SHORT-VET': { category: 'learner', family: 'learner-short', minDays: 10, maxDays: 89 },
  'LM-LONG-VET': { category: 'learner', family: 'erasmus-pro', minDays: 90, maxDays: 365 },
  'LM-SKILL-VET': { category: 'learner', family: 'skills-competition', minDays: 1, maxDays: 10 },
  'LM-GROUP-VET': { category: 'learner', family: 'learner-group', minDays: 2, maxDays: 30 },
  'SM-JOB-SHDW': { category: 'staff', family: 'staff-job-shadowing', minDays: 2, maxDays: 60 },
  'SM-TTA': { category: 'staff', family: 'staff-teaching', minDays: 2, maxDays: 365 },
  'SM-COUR-TRAIN': { category: 'staff', family: 'staff-course', minDays: 2, maxDays: 30 },
  // [unconfirmed] in reference §1.3 / not stated: no constant, configuration gives them.
  'OA-INV-EXP': { category: 'staff', family: 'invited-expert', minDays: null, maxDays: null },
  'OA-HOS-TTT': { category: 'staff', family: 'hosting-educator', minDays: null, maxDays: null },
  'PREP-VISIT': { category: 'staff', family: 'preparatory-visit', minDays: null, maxDays: null },
};

/** What an installation might configure for the open limits (test values, not the programme's). */
const CONFIGURED: DurationLimits = {
  'OA-INV-EXP': { minDays: 2, maxDays: 60 },
  'OA-HOS-TTT': { minDays: 10, maxDays: 365 },
  'PREP-VISIT': { minDays: 1, maxDays: 5 },
};

const START = '2026-03-02';
/** The end date that makes a mobility starting on START last `days` days, both ends counted. */
const endForDays = (days: number) => addDays(START, days - 1);

describe('activity types', () => {
  it('has exactly the expected BM codes, each keyed by its own code', () => {
    expect([...ACTIVITY_TYPE_CODES].sort()).toEqual(Object.keys(EXPECTED_LIMITS).sort());
    for (const code of ACTIVITY_TYPE_CODES) {
      expect(ACTIVITY_TYPES[code].code).toBe(code);
      expect(ACTIVITY_TYPES[code].label.length).toBeGreaterThan(0);
      const { category, family, minDays, maxDays } = ACTIVITY_TYPES[code];
      expect({ category, family, minDays, maxDays }).toEqual(EXPECTED_LIMITS[code]);
      expect(activityFamily(code)).toBe(family);
      if (minDays !== null && maxDays !== null) {
        expect(minDays).toBeGreaterThanOrEqual(1);
        expect(minDays).toBeLessThanOrEqual(maxDays);
      }
    }
  });

  it('gives every family exactly one activity type, and the BM codes of reference §1.3', () => {
    expect(ACTIVITY_TYPE_CODES.map(activityFamily).sort()).toEqual([...ACTIVITY_FAMILIES].sort());
    expect(ACTIVITY_TYPES['OA-INV-EXP'].bmCode).toBe('OA-INV-EXP');
    expect(ACTIVITY_TYPES['OA-HOS-TTT'].bmCode).toBe('OA-HOS-TTT');
    // No BM activity-type code: group mobility (none listed for VET), preparatory visits (own section).
    expect(ACTIVITY_TYPES['LM-GROUP-VET'].bmCode).toBeNull();
    expect(ACTIVITY_TYPES['PREP-VISIT'].bmCode).toBeNull();
    expect(ACTIVITY_TYPES['PREP-VISIT'].maxPersons).toBe(3);
    expect(ACTIVITY_TYPES['LM-GROUP-VET']).toMatchObject({ minGroupSize: 2, accompanied: true });
  });

  it('takes the limits the programme leaves open from configuration, and only checks the order without them', () => {
    expect(durationLimit('OA-INV-EXP')).toBeNull();
    expect(validateMobilityDates('OA-INV-EXP', START, endForDays(400))).toEqual([]);
    expect(validateMobilityDates('OA-INV-EXP', START, addDays(START, -1))).toHaveLength(1);
    expect(validateMobilityDates('OA-INV-EXP', START, endForDays(61), CONFIGURED)).toHaveLength(1);
    // A configured limit also overrides a programme one (an NA's stricter figure).
    expect(durationLimit('SM-COUR-TRAIN', { 'SM-COUR-TRAIN': { minDays: 2, maxDays: 10 } })).toEqual({
      minDays: 2,
      maxDays: 10,
    });
    expect(durationLimit('SM-COUR-TRAIN')).toEqual({ minDays: 2, maxDays: 30 });
  });

  it('recognises codes and nothing else', () => {
    for (const code of ACTIVITY_TYPE_CODES) expect(isActivityTypeCode(code)).toBe(true);
    for (const other of [
      'lm-short-vet',
      'LM-SHORT',
      '',
      'toString',
      '__proto__',
      'hasOwnProperty',
      42,
      null,
      undefined,
    ]) {
      expect(isActivityTypeCode(other)).toBe(false);
    }
  });
});

describe('duration counting', () => {
  it('counts both the first and the last day (documented by DURATION_COUNTS_FIRST_AND_LAST_DAY)', () => {
    expect(DURATION_COUNTS_FIRST_AND_LAST_DAY).toBe(true);
    // The documented example: 2026-03-02 to 2026-03-11 lasts 10 days.
    expect(activityDays('2026-03-02', '2026-03-11')).toBe(10);
    expect(activityDays('2026-03-02', '2026-03-02')).toBe(1);
    expect(activityDays('2024-02-28', '2024-03-01')).toBe(3);
    expect(activityDays('2025-02-28', '2025-03-01')).toBe(2);
  });

  it('the documented example is exactly the shortest short-term learner mobility', () => {
    expect(validateMobilityDates('LM-SHORT-VET', '2026-03-02', '2026-03-11')).toEqual([]);
    expect(validateMobilityDates('LM-SHORT-VET', '2026-03-02', '2026-03-10')).toHaveLength(1);
  });

  it('counts a leap year as 366 days, one more than a long-term mobility may last', () => {
    expect(validateMobilityDates('LM-LONG-VET', '2025-01-01', '2025-12-31')).toEqual([]);
    expect(validateMobilityDates('LM-LONG-VET', '2024-01-01', '2024-12-31')).toHaveLength(1);
  });
});

describe.each(ACTIVITY_TYPE_CODES)('validateMobilityDates for %s', (code) => {
  const limit = durationLimit(code, CONFIGURED);
  if (!limit) throw new Error(`no limit for ${code}`);
  const { minDays, maxDays } = limit;
  const durationRule = `duration ${minDays}-${maxDays} days for ${code}`;

  it(`accepts the minimum of ${minDays} days`, () => {
    expect(activityDays(START, endForDays(minDays))).toBe(minDays);
    expect(validateMobilityDates(code, START, endForDays(minDays), CONFIGURED)).toEqual([]);
  });

  it(`accepts the maximum of ${maxDays} days`, () => {
    expect(validateMobilityDates(code, START, endForDays(maxDays), CONFIGURED)).toEqual([]);
  });

  it(`refuses ${minDays - 1} days (one below the minimum)`, () => {
    const violations = validateMobilityDates(code, START, endForDays(minDays - 1), CONFIGURED);
    expect(violations).toHaveLength(1);
    expect(violations[0].field).toBe('endDate');
    // A minimum of one day means "one below" is an end before the start.
    expect(violations[0].rule).toBe(minDays === 1 ? 'endDate >= startDate' : durationRule);
  });

  it(`refuses ${maxDays + 1} days (one above the maximum)`, () => {
    const violations = validateMobilityDates(code, START, endForDays(maxDays + 1), CONFIGURED);
    expect(violations).toEqual([
      {
        field: 'endDate',
        rule: durationRule,
        message: expect.stringContaining(`these dates give ${maxDays + 1}`),
      },
    ]);
    expect(violations[0].message).toContain('first and last day counted');
  });

  it('refuses an end date before the start date, and only with that violation', () => {
    expect(validateMobilityDates(code, '2026-03-11', '2026-03-02')).toEqual([
      { field: 'endDate', rule: 'endDate >= startDate', message: 'endDate must not be before startDate' },
    ]);
    expect(validateMobilityDates(code, START, addDays(START, -1))).toEqual([
      expect.objectContaining({ rule: 'endDate >= startDate' }),
    ]);
  });
});

describe('validateMobilityDates with invalid dates', () => {
  it('throws a RangeError rather than guessing', () => {
    expect(() => validateMobilityDates('LM-SHORT-VET', '2025-02-30', '2025-03-20')).toThrow(RangeError);
    expect(() => validateMobilityDates('LM-SHORT-VET', '2025-03-01', '2025-02-30')).toThrow(RangeError);
  });
});
