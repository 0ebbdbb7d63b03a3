import { formatDate } from './format-date';

describe('formatDate', () => {
  it('formats a calendar date without a time-zone shift', () => {
    expect(formatDate('2026-03-02')).toBe('2 Mar 2026');
    expect(formatDate('2026-12-31T23:30:00Z')).toBe('31 Dec 2026');
  });

  it('shows a dash for no date and unreadable text as it is', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('not a date');
  });
});
