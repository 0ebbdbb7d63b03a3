import {
  BM_MOBILITY_COLUMNS,
  IMPORT_COLUMNS,
  MOBILITY_SHEET_COLUMNS,
  bmActivityId,
  durationDays,
  interruptedDays,
} from './columns';

describe('report columns', () => {
  it('makes the BM mobility activity ID from the last six digits of the project number', () => {
    expect(bmActivityId('2024-1-DE02-KA121-VET-000123456', 1)).toBe('123456-MOB-00001');
    expect(bmActivityId('2024-1-DE02-KA121-VET-000005041', 42)).toBe('005041-MOB-00042');
  });

  it('has unique keys and headers, the BM columns first in the Mobilities sheet', () => {
    for (const columns of [BM_MOBILITY_COLUMNS, MOBILITY_SHEET_COLUMNS]) {
      expect(new Set(columns.map((c) => c.key)).size).toBe(columns.length);
      expect(new Set(columns.map((c) => c.header)).size).toBe(columns.length);
    }
    expect(MOBILITY_SHEET_COLUMNS.slice(0, BM_MOBILITY_COLUMNS.length)).toEqual(BM_MOBILITY_COLUMNS);
    expect(IMPORT_COLUMNS.filter((c) => c.import === 'required').map((c) => c.key)).toEqual([
      'activityType',
      'firstName',
      'lastName',
      'email',
      'startDate',
      'endDate',
    ]);
  });

  it('counts both ends of the stay and deducts an interruption', () => {
    expect(durationDays({ startDate: '2026-03-01', endDate: '2026-03-14', actualEndDate: null })).toBe(14);
    expect(interruptedDays({ endDate: '2026-03-14', actualEndDate: '2026-03-10' })).toBe(4);
    expect(durationDays({ startDate: '2026-03-01', endDate: '2026-03-14', actualEndDate: '2026-03-10' })).toBe(10);
  });
});
