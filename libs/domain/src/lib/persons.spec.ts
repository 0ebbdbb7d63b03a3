import { matchPerson, normaliseEmail, PersonDetails } from './persons';

const lena: PersonDetails = {
  firstName: 'Lena',
  lastName: 'Schmidt',
  email: 'lena.schmidt@example.org',
  dateOfBirth: '2007-04-12',
};

describe('normaliseEmail', () => {
  it('trims and lower-cases', () => {
    expect(normaliseEmail('  Lena.Schmidt@Example.ORG ')).toBe('lena.schmidt@example.org');
  });
});

describe('matchPerson', () => {
  it('is the same person when names match without case or extra spaces and the date of birth agrees or is not given', () => {
    expect(matchPerson(lena, { ...lena, firstName: ' lena ', lastName: 'SCHMIDT' })).toEqual({ kind: 'same' });
    expect(matchPerson(lena, { ...lena, dateOfBirth: null })).toEqual({ kind: 'same' });
    expect(matchPerson({ ...lena, lastName: 'Schmidt  Meyer' }, { ...lena, lastName: 'schmidt meyer' })).toEqual({
      kind: 'same',
    });
  });

  it('adds a date of birth the record lacked', () => {
    expect(matchPerson({ ...lena, dateOfBirth: null }, lena)).toEqual({ kind: 'adds', dateOfBirth: '2007-04-12' });
    expect(matchPerson({ ...lena, dateOfBirth: null }, { ...lena, dateOfBirth: null })).toEqual({ kind: 'same' });
  });

  it('refuses other names or another date of birth, naming each field and what is recorded', () => {
    const match = matchPerson(lena, { ...lena, firstName: 'Lea', lastName: 'Schmitt', dateOfBirth: '2007-04-21' });
    expect(match.kind).toBe('differs');
    if (match.kind !== 'differs') return;
    expect(match.violations.map((v) => v.field)).toEqual([
      'participant.firstName',
      'participant.lastName',
      'participant.dateOfBirth',
    ]);
    expect(match.violations[0].message).toContain('"Lena"');
    expect(match.violations[2].message).toContain('2007-04-12');
    expect(match.violations.every((v) => v.rule === 'same person')).toBe(true);
  });

  it('refuses a differing last name alone', () => {
    const match = matchPerson(lena, { ...lena, lastName: 'Meyer' });
    expect(match).toEqual({
      kind: 'differs',
      violations: [expect.objectContaining({ field: 'participant.lastName' })],
    });
  });
});
