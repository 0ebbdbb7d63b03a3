import { ageOn, isMinorOn, participantConditions } from './participants';

describe('age on the first day abroad', () => {
  it('turns 18 on the 18th birthday, not the day before', () => {
    expect(ageOn('2008-05-10', '2026-05-09')).toBe(17);
    expect(ageOn('2008-05-10', '2026-05-10')).toBe(18);
    expect(ageOn('2008-05-10', '2026-05-11')).toBe(18);
    expect(isMinorOn('2008-05-10', '2026-05-09')).toBe(true);
    expect(isMinorOn('2008-05-10', '2026-05-10')).toBe(false);
    expect(isMinorOn('2008-05-10', '2026-05-11')).toBe(false);
  });

  it('counts a 29 February birthday from 1 March in common years', () => {
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
    expect(ageOn('2008-02-29', '2028-02-29')).toBe(20);
  });

  it('does not call an unknown date of birth a minor, and rejects non-dates', () => {
    expect(isMinorOn(null, '2026-05-10')).toBe(false);
    expect(() => ageOn('2008-02-30', '2026-01-01')).toThrow(RangeError);
  });

  it('gives the checklist conditions of a participant', () => {
    expect(participantConditions({ dateOfBirth: '2010-01-01', startDate: '2026-03-02' })).toEqual({ minor: true });
    expect(participantConditions({ dateOfBirth: '2000-01-01', startDate: '2026-03-02' })).toEqual({ minor: false });
  });
});
