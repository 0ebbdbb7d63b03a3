import {
  importDuplicateKey,
  isFormulaText,
  matchImportHeader,
  parseActivityType,
  parseImportDate,
  parseImportRow,
  parseYesNo,
  ImportCell,
} from './import-rows';

const context = { project: { startDate: '2026-01-01', endDate: '2027-06-30' }, today: '2026-03-02' };

const valid: Record<string, ImportCell> = {
  activityType: 'LM-SHORT-VET',
  firstName: 'Lena',
  lastName: 'Schmidt',
  email: ' Lena.Schmidt@Example.org ',
  dateOfBirth: '01.01.2000',
  startDate: '2026-06-01',
  endDate: '28/06/2026',
  travelDays: '2',
  greenTravel: 'Ja',
  receivingName: 'Taller',
  receivingCountry: 'es',
  receivingCity: 'Valencia',
};

describe('import rows', () => {
  it('matches a header by text, case and spaces aside; names missing and unknown columns; skips computed ones', () => {
    const match = matchImportHeader(['activity TYPE', ' First  name', 'Mobility activity ID', 'Shoe size', '']);
    expect(match.keys).toEqual(['activityType', 'firstName', null, null, null]);
    expect(match.unknown).toEqual(['Shoe size']);
    expect(match.missing).toEqual(['Last name', 'E-mail', 'Start date', 'End date']);
  });

  it('tells formulas from negative numbers and phone numbers', () => {
    for (const formula of ['=HYPERLINK("http://x","y")', '@SUM(A1)', '+cmd|x', '-2+3+cmd', ' =1+1', '\t=A1']) {
      expect(isFormulaText(formula)).toBe(true);
    }
    for (const plain of ['-12', '+49 201 1234-56', '+43 (660) 1234567', 'Lena', '', '-', 'a=b']) {
      expect(isFormulaText(plain)).toBe(false);
    }
  });

  it('reads dates in three notations and Excel day numbers', () => {
    expect(parseImportDate('2026-06-01')).toBe('2026-06-01');
    expect(parseImportDate('1.6.2026')).toBe('2026-06-01');
    expect(parseImportDate('01/06/2026')).toBe('2026-06-01');
    expect(parseImportDate(46174)).toBe('2026-06-01');
    expect(parseImportDate('31.02.2026')).toBeNull();
    expect(parseImportDate('01.06/2026')).toBeNull();
    expect(parseImportDate('June 1st')).toBeNull();
  });

  it('reads yes/no and activity types (ours and the BM codes)', () => {
    expect(['Yes', 'y', 'TRUE', 1, 'Ja'].map((v) => parseYesNo(v))).toEqual([true, true, true, true, true]);
    expect(['No', 'n', 'false', 0, 'nein'].map((v) => parseYesNo(v))).toEqual([false, false, false, false, false]);
    expect(parseYesNo('maybe')).toBeUndefined();
    expect(parseActivityType('lm-short-vet')).toBe('LM-SHORT-VET');
    expect(parseActivityType('LM-GROUP-VET')).toBe('LM-GROUP-VET');
    expect(parseActivityType('KA1-XYZ')).toBeNull();
  });

  it('types a valid row', () => {
    const parsed = parseImportRow(2, valid, context);
    expect(parsed.errors).toEqual([]);
    expect(parsed.values).toMatchObject({
      activityType: 'LM-SHORT-VET',
      email: 'lena.schmidt@example.org',
      dateOfBirth: '2000-01-01',
      endDate: '2026-06-28',
      travelDays: 2,
      greenTravel: true,
      receivingCountry: 'ES',
      guardian: null,
    });
    expect(importDuplicateKey(parsed.values)).toBe('lena.schmidt@example.org|2026-06-01|2026-06-28');
  });

  it('names row, column, rule and message of every bad cell', () => {
    const parsed = parseImportRow(
      5,
      { ...valid, activityType: 'HOLIDAY', startDate: '2026-13-01', email: 'nobody', travelDays: 'three' },
      context,
    );
    expect(parsed.errors.map((e) => [e.row, e.column, e.rule])).toEqual([
      [5, 'Activity type', 'activity-type code'],
      [5, 'E-mail', 'e-mail address'],
      [5, 'Start date', 'date YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY'],
      [5, 'Funded travel days', 'whole number 0-6'],
    ]);
  });

  it('applies the domain rules: end before start, project dates, duration, travel, date of birth, guardian', () => {
    const endBefore = parseImportRow(3, { ...valid, endDate: '2026-05-01' }, context);
    expect(endBefore.errors.map((e) => [e.column, e.rule])).toEqual([['End date', 'endDate >= startDate']]);
    const outside = parseImportRow(3, { ...valid, startDate: '2027-06-20', endDate: '2027-07-10' }, context);
    expect(outside.errors.map((e) => e.rule)).toContain('within the project dates');
    const travel = parseImportRow(3, { ...valid, travelDays: 4, greenTravel: 'No' }, context);
    expect(travel.errors.map((e) => e.column)).toEqual(['Funded travel days']);
    const noBirth = parseImportRow(3, { ...valid, dateOfBirth: null }, context);
    expect(noBirth.errors.map((e) => [e.column, e.rule])).toEqual([['Date of birth', 'required for learners']]);
    const minor = parseImportRow(3, { ...valid, dateOfBirth: '2010-01-01' }, context);
    expect(minor.errors.map((e) => [e.column, e.rule])).toEqual([['Guardian name', 'required for minors']]);
    const minorWithGuardian = parseImportRow(
      3,
      {
        ...valid,
        dateOfBirth: '2010-01-01',
        guardianName: 'Maria Huber',
        guardianEmail: 'maria@example.org',
        guardianPhone: '+43 660 1234567',
        guardianRelationship: 'Legal guardian',
      },
      context,
    );
    expect(minorWithGuardian.errors).toEqual([]);
    expect(minorWithGuardian.values.guardian?.relationship).toBe('legal-guardian');
  });
});
