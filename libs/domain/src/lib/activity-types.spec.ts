import {
  ACTIVITY_TYPE_CODES,
  ACTIVITY_TYPES,
  ActivityTypeCode,
  activityDays,
  DURATION_COUNTS_FIRST_AND_LAST_DAY,
  isActivityTypeCode,
  validateMobilityDates,
} from './activity-types';
import { addDays } from './dates';

/** The limits of reference §1.3, pinned so that a change to them is a deliberate one. */
const EXPECTED_LIMITS: Record<ActivityTypeCode, { category: 'learner' | 'staff'; minDays: number; maxDays: number }> = {
  'LM-SHORT-VET': { category: 'learner', minDays: 10, maxDays: 89 },
  'LM-LONG-VET': { category: 'learner', minDays: 90, maxDays: 365 },
  'LM-SKILL-VET': { category: 'learner', minDays: 1, maxDays: 10 },
  'SM-JOB-SHDW': { category: 'staff', minDays: 2, maxDays: 60 },
  'SM-TTA': { category: 'staff', minDays: 2, maxDays: 365 },
  'SM-COUR-TRAIN': { category: 'staff', minDays: 2, maxDays: 30 },
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
      const { category, minDays, maxDays } = ACTIVITY_TYPES[code];
      expect({ category, minDays, maxDays }).toEqual(EXPECTED_LIMITS[code]);
      expect(minDays).toBeGreaterThanOrEqual(1);
      expect(minDays).toBeLessThanOrEqual(maxDays);
    }
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
  const { minDays, maxDays } = EXPECTED_LIMITS[code];
  const durationRule = `duration ${minDays}-${maxDays} days for ${code}`;

  it(`accepts the minimum of ${minDays} days`, () => {
    expect(activityDays(START, endForDays(minDays))).toBe(minDays);
    expect(validateMobilityDates(code, START, endForDays(minDays))).toEqual([]);
  });

  it(`accepts the maximum of ${maxDays} days`, () => {
    expect(validateMobilityDates(code, START, endForDays(maxDays))).toEqual([]);
  });

  it(`refuses ${minDays - 1} days (one below the minimum)`, () => {
    const violations = validateMobilityDates(code, START, endForDays(minDays - 1));
    expect(violations).toHaveLength(1);
    expect(violations[0].field).toBe('endDate');
    // A minimum of one day means "one below" is an end before the start.
    expect(violations[0].rule).toBe(minDays === 1 ? 'endDate >= startDate' : durationRule);
  });

  it(`refuses ${maxDays + 1} days (one above the maximum)`, () => {
    const violations = validateMobilityDates(code, START, endForDays(maxDays + 1));
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
