import {
  assertWorkingHours,
  DEFAULT_WORKING_HOURS,
  instantAt,
  localTime,
  nextWorkingMoment,
  sendTimeFor,
} from './working-hours';

describe('working hours', () => {
  it('moves a reminder that falls due at night in Madrid to the start of its working day', () => {
    // 02:30 in Madrid on Tuesday 3 March 2026 (CET, UTC+1) → 09:00 Madrid = 08:00 UTC.
    const night = new Date('2026-03-03T01:30:00Z');
    expect(nextWorkingMoment(night, 'Europe/Madrid').toISOString()).toBe('2026-03-03T08:00:00.000Z');
  });

  it('keeps a moment already inside the working hours', () => {
    const noon = new Date('2026-03-03T11:00:00Z'); // 12:00 in Madrid
    expect(nextWorkingMoment(noon, 'Europe/Madrid')).toEqual(noon);
  });

  it('moves an evening or a weekend to the next working morning', () => {
    // Friday 6 March 2026, 18:30 in Madrid → Monday 9 March 09:00 Madrid.
    expect(nextWorkingMoment(new Date('2026-03-06T17:30:00Z'), 'Europe/Madrid').toISOString()).toBe(
      '2026-03-09T08:00:00.000Z',
    );
    // Saturday noon in Dublin → Monday 09:00 Dublin (GMT).
    expect(nextWorkingMoment(new Date('2026-03-07T12:00:00Z'), 'Europe/Dublin').toISOString()).toBe(
      '2026-03-09T09:00:00.000Z',
    );
  });

  it('follows daylight saving time: 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(sendTimeFor('2026-03-27', 'Europe/Berlin').toISOString()).toBe('2026-03-27T08:00:00.000Z');
    expect(sendTimeFor('2026-03-30', 'Europe/Berlin').toISOString()).toBe('2026-03-30T07:00:00.000Z');
  });

  it('gives each organisation its own morning for the same calendar day', () => {
    expect(sendTimeFor('2026-06-02', 'Europe/Lisbon').toISOString()).toBe('2026-06-02T08:00:00.000Z');
    expect(sendTimeFor('2026-06-02', 'Europe/Helsinki').toISOString()).toBe('2026-06-02T06:00:00.000Z');
  });

  it('reads and builds wall-clock times, including across a spring-forward gap', () => {
    expect(localTime(new Date('2026-03-29T00:30:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-03-29',
      weekday: 7,
      minutes: 90,
    });
    expect(instantAt('2026-03-29', 150, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 02:30 does not exist → 03:30 CEST
    expect(instantAt('2026-10-25', 9 * 60, 'Europe/Berlin').toISOString()).toBe('2026-10-25T08:00:00.000Z');
  });

  it('takes configured hours and days', () => {
    const hours = { start: '08:30', end: '12:00', days: [1, 2, 3, 4, 5, 6] };
    // Saturday 11:59 in Rome is inside; 12:00 is not → Monday 08:30.
    expect(nextWorkingMoment(new Date('2026-03-07T10:59:00Z'), 'Europe/Rome', hours).toISOString()).toBe(
      '2026-03-07T10:59:00.000Z',
    );
    expect(nextWorkingMoment(new Date('2026-03-07T11:00:00Z'), 'Europe/Rome', hours).toISOString()).toBe(
      '2026-03-09T07:30:00.000Z',
    );
  });

  it('refuses hours that could never send anything', () => {
    expect(() => assertWorkingHours({ start: '17:00', end: '09:00', days: [1] })).toThrow(RangeError);
    expect(() => assertWorkingHours({ start: '9:00', end: '17:00', days: [1] })).toThrow(RangeError);
    expect(() => assertWorkingHours({ ...DEFAULT_WORKING_HOURS, days: [] })).toThrow(RangeError);
    expect(() => assertWorkingHours({ ...DEFAULT_WORKING_HOURS, days: [0] })).toThrow(RangeError);
  });
});
