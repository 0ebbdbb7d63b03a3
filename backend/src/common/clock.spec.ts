import { FixedClock } from './clock';

describe('Clock.today', () => {
  it('takes the calendar date in the given time zone', () => {
    const clock = new FixedClock(new Date('2026-03-01T23:30:00Z'));
    expect(clock.today('UTC')).toBe('2026-03-01');
    expect(clock.today('Europe/Madrid')).toBe('2026-03-02');
    expect(clock.today('America/New_York')).toBe('2026-03-01');
  });
});
