import { csvCell, sheetCell, utcDate, wallClockDate } from './cells';

describe('report cells', () => {
  it('shows an instant as the wall-clock time of the school, across daylight saving time', () => {
    expect(wallClockDate('2026-01-15T10:30:00.000Z', 'Europe/Berlin').toISOString()).toBe('2026-01-15T11:30:00.000Z');
    expect(wallClockDate('2026-07-15T10:30:00.000Z', 'Europe/Berlin').toISOString()).toBe('2026-07-15T12:30:00.000Z');
    // the hour of the change (2026-03-29 01:00 UTC): before and after
    expect(wallClockDate('2026-03-29T00:59:00.000Z', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:59:00.000Z');
    expect(wallClockDate('2026-03-29T01:00:00.000Z', 'Europe/Berlin').toISOString()).toBe('2026-03-29T03:00:00.000Z');
    expect(wallClockDate('2026-07-15T10:30:00.000Z', 'Europe/Lisbon').toISOString()).toBe('2026-07-15T11:30:00.000Z');
  });

  it('types cells: dates at UTC midnight, integers as numbers, yes-no as Yes/No, empty as null', () => {
    expect(sheetCell('date', '2026-06-01', 'Europe/Berlin')).toEqual(utcDate('2026-06-01'));
    expect(utcDate('2026-06-01').toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(sheetCell('integer', 14, 'Europe/Berlin')).toBe(14);
    expect(sheetCell('yes-no', true, 'Europe/Berlin')).toBe('Yes');
    expect(sheetCell('yes-no', false, 'Europe/Berlin')).toBe('No');
    expect(sheetCell('text', null, 'Europe/Berlin')).toBeNull();
    expect(csvCell('yes-no', false)).toBe('No');
    expect(csvCell('date', '2026-06-01')).toBe('2026-06-01');
    expect(csvCell('text', null)).toBe('');
  });

  it('keeps typed text that would start a formula as text in CSV (CSV injection)', () => {
    expect(csvCell('text', '=HYPERLINK("http://evil.test","click")')).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(csvCell('text', '+1+1')).toBe(`'+1+1`);
    expect(csvCell('text', '-2+3')).toBe(`'-2+3`);
    expect(csvCell('text', '@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('text', 'Lena Müller')).toBe('Lena Müller');
    expect(csvCell('integer', -3)).toBe('-3');
    expect(csvCell('date', '2026-06-01')).toBe('2026-06-01');
  });
});
