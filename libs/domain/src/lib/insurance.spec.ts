import { advanceBlockers } from './machine/conditions';
import { checklistFacts } from './machine/facts.fixture';
import { InsuranceCover, insuranceViolations, missingInsuranceRisks } from './insurance';

const policy = (risks: InsuranceCover['risks'], insurer = 'Allianz'): InsuranceCover => ({
  kind: 'policy',
  insurer,
  policyNumber: 'P-42',
  risks,
});
const ehic: InsuranceCover = { kind: 'ehic', insurer: 'AOK Rheinland', policyNumber: '80276001', risks: ['health'] };

describe('insurance completeness (health, accident, third-party liability)', () => {
  it('one policy may cover all three', () => {
    expect(missingInsuranceRisks([policy(['health', 'accident', 'liability'])], 'ES')).toEqual([]);
  });
  it('several policies together', () => {
    expect(missingInsuranceRisks([policy(['health']), policy(['accident', 'liability'], 'HDI')], 'ES')).toEqual([]);
  });
  it('names what is missing, in order', () => {
    expect(missingInsuranceRisks([], 'ES')).toEqual(['health', 'accident', 'liability']);
    expect(missingInsuranceRisks([policy(['accident'])], 'ES')).toEqual(['health', 'liability']);
  });
  it('an EHIC counts for health where it is accepted (EU/EEA, CH, UK), not elsewhere, and never for more', () => {
    const rest = policy(['accident', 'liability']);
    expect(missingInsuranceRisks([ehic, rest], 'ES')).toEqual([]);
    expect(missingInsuranceRisks([ehic, rest], 'no')).toEqual([]);
    expect(missingInsuranceRisks([ehic, rest], 'TR')).toEqual(['health']);
    expect(missingInsuranceRisks([ehic, rest], null)).toEqual(['health']);
    expect(missingInsuranceRisks([{ ...ehic, risks: ['health', 'accident'] }], 'ES')).toEqual([
      'accident',
      'liability',
    ]);
  });
  it('preparation → implementation is refused without it, naming the missing risks', () => {
    const facts = checklistFacts({ insurance: [policy(['health', 'accident'])] });
    expect(advanceBlockers('preparation', facts)).toEqual([
      {
        code: 'INSURANCE_MISSING',
        taskKey: 'insurance',
        missingRisks: ['liability'],
        message: 'Insurance must be recorded before departure: no cover for third-party liability',
      },
    ]);
    expect(advanceBlockers('preparation', checklistFacts({ insurance: [] }))[0]).toMatchObject({
      message: 'Insurance must be recorded before departure: no cover for health, accident and third-party liability',
    });
  });
});

describe('insurance as recorded', () => {
  it('accepts partial cover (completeness is the lifecycle’s)', () => {
    expect(insuranceViolations([policy(['accident'])], 'ES')).toEqual([]);
  });
  it('names each field of each cover', () => {
    expect(
      insuranceViolations(
        [{ kind: 'policy', insurer: ' ', policyNumber: '', risks: [] }, policy(['health', 'health'])],
        'ES',
      ).map((v) => v.field),
    ).toEqual(['covers[0].insurer', 'covers[0].policyNumber', 'covers[0].risks', 'covers[1].risks']);
  });
  it('an EHIC is health only, and only for a host where it is accepted', () => {
    expect(insuranceViolations([{ ...ehic, risks: ['health', 'liability'] }], 'ES')).toEqual([
      expect.objectContaining({ field: 'covers[0].risks', rule: 'EHIC covers health only' }),
    ]);
    expect(insuranceViolations([ehic], 'TR')).toEqual([
      expect.objectContaining({ field: 'covers[0].kind', rule: 'EHIC accepted in the host country' }),
    ]);
    expect(insuranceViolations([ehic], 'IT')).toEqual([]);
  });
});
