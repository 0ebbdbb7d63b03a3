import { addDays, daysBetween, isIsoDate, isoDateOf } from './dates';

describe('isIsoDate', () => {
  it.each(['2026-03-02', '2024-02-29', '2000-02-29', '2025-12-31', '2025-01-01'])(
    'accepts the calendar date %s',
    (value) => {
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    ['2025-02-30', 'February never has 30 days'],
    ['2025-02-29', '2025 is not a leap year'],
    ['1900-02-29', 'century years are leap years only when divisible by 400'],
    ['2025-04-31', 'April has 30 days'],
    ['2025-13-01', 'there is no 13th month'],
    ['2025-00-10', 'there is no month 0'],
    ['2025-01-00', 'there is no day 0'],
    ['2025-1-01', 'month must have two digits'],
    ['25-01-01', 'year must have four digits'],
    ['2025-01-01T00:00:00Z', 'an instant is not a calendar date'],
    [' 2025-01-01', 'no surrounding whitespace'],
    ['', 'empty'],
  ])('rejects %s (%s)', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });

  it.each([null, undefined, 20250101, new Date('2025-01-01'), {}])('rejects the non-string %p', (value) => {
    expect(isIsoDate(value)).toBe(false);
  });
});

describe('addDays', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2025-02-28', 1, '2025-03-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2026-03-02', -14, '2026-02-16'],
    ['2026-03-11', 30, '2026-04-10'],
    ['2026-03-02', 0, '2026-03-02'],
    ['2024-01-01', 366, '2025-01-01'],
  ] as const)('%s %+d days is %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('is unaffected by daylight-saving changes (EU clocks change on 2026-03-29 and 2026-10-25)', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26');
  });

  it.each(['2025-02-30', 'not a date', '2025-1-1'])('throws a RangeError for %s', (date) => {
    expect(() => addDays(date, 1)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts a leap year as 366 days and a common year as 365', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
  });

  it('is zero for the same day and negative when `to` is earlier', () => {
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
    expect(daysBetween('2026-03-11', '2026-03-02')).toBe(-9);
  });

  it('throws a RangeError for an invalid date on either side', () => {
    expect(() => daysBetween('2025-02-30', '2025-03-01')).toThrow(RangeError);
    expect(() => daysBetween('2025-03-01', '2025-02-30')).toThrow(RangeError);
  });
});

describe('isoDateOf', () => {
  it('gives the UTC calendar date of an instant', () => {
    expect(isoDateOf(new Date('2026-03-01T23:30:00-02:00'))).toBe('2026-03-02');
    expect(isoDateOf(new Date('2026-03-02T00:30:00+02:00'))).toBe('2026-03-01');
  });
});
