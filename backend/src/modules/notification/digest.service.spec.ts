import { DEFAULT_WORKING_HOURS } from '@mobility-hub/domain';
import { nextDigestAt } from './digest.service';

describe('nextDigestAt', () => {
  it('is the next Monday at the start of working hours in the organisation’s zone', () => {
    // Wednesday 2026-03-04 → Monday 2026-03-09 09:00 in Amsterdam (UTC+1)
    expect(
      nextDigestAt(new Date('2026-03-04T12:00:00Z'), 'Europe/Amsterdam', DEFAULT_WORKING_HOURS).toISOString(),
    ).toBe('2026-03-09T08:00:00.000Z');
    // Monday before 09:00 → the same morning; at 09:00 → a week later
    expect(
      nextDigestAt(new Date('2026-03-09T07:59:00Z'), 'Europe/Amsterdam', DEFAULT_WORKING_HOURS).toISOString(),
    ).toBe('2026-03-09T08:00:00.000Z');
    expect(
      nextDigestAt(new Date('2026-03-09T08:00:00Z'), 'Europe/Amsterdam', DEFAULT_WORKING_HOURS).toISOString(),
    ).toBe('2026-03-16T08:00:00.000Z');
  });

  it('follows daylight saving time (Helsinki, UTC+3 in summer)', () => {
    expect(nextDigestAt(new Date('2026-07-01T12:00:00Z'), 'Europe/Helsinki', DEFAULT_WORKING_HOURS).toISOString()).toBe(
      '2026-07-06T06:00:00.000Z',
    );
  });
});
