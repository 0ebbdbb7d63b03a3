import {
  accompanyingPersonViolations,
  ageAtStart,
  consentState,
  dateOfBirthViolations,
  guardianViolations,
  isConsentTask,
  minorityChange,
} from './guardians';
import { TASK_KEYS } from './checklist/checklist';
import { taskEditBlocker } from './mobility-rules';

describe('date of birth on create', () => {
  it('is required for learners, not for staff', () => {
    expect(dateOfBirthViolations('LM-SHORT-VET', undefined, '2026-03-01')).toEqual([
      expect.objectContaining({ field: 'participant.dateOfBirth', rule: 'required for learners' }),
    ]);
    expect(dateOfBirthViolations('LM-SKILL-VET', null, '2026-03-01')).toHaveLength(1);
    expect(dateOfBirthViolations('SM-JOB-SHDW', undefined, '2026-03-01')).toEqual([]);
  });

  it('refuses a date in the future and an implausible age, accepts today', () => {
    expect(dateOfBirthViolations('LM-SHORT-VET', '2026-03-02', '2026-03-01')[0].rule).toBe('not in the future');
    expect(dateOfBirthViolations('LM-SHORT-VET', '2026-03-01', '2026-03-01')).toEqual([]);
    expect(dateOfBirthViolations('LM-SHORT-VET', '1926-03-01', '2026-03-01')[0].rule).toBe('age under 100');
    expect(dateOfBirthViolations('LM-SHORT-VET', '1926-03-02', '2026-03-01')).toEqual([]);
    expect(dateOfBirthViolations('SM-TTA', '2030-01-01', '2026-03-01')).toHaveLength(1);
  });
});

describe('age at start', () => {
  it('is the age on the first day abroad, null when unknown', () => {
    expect(ageAtStart('2008-06-01', '2026-06-01')).toBe(18);
    expect(ageAtStart('2008-06-02', '2026-06-01')).toBe(17);
    expect(ageAtStart(null, '2026-06-01')).toBeNull();
  });
});

describe('guardian', () => {
  const full = { name: 'Maria Huber', email: 'maria@example.org', phone: '+43 1 234', relationship: 'parent' };

  it('is required, in full, for a minor', () => {
    expect(guardianViolations(true, undefined)).toEqual([
      expect.objectContaining({ field: 'guardian', rule: 'required for minors' }),
    ]);
    expect(guardianViolations(true, { ...full, email: ' ', phone: null }).map((v) => v.field)).toEqual([
      'guardian.email',
      'guardian.phone',
    ]);
    expect(guardianViolations(true, full)).toEqual([]);
  });

  it('is not required for an adult, but one given is complete', () => {
    expect(guardianViolations(false, undefined)).toEqual([]);
    expect(guardianViolations(false, { ...full, name: '' })).toEqual([
      expect.objectContaining({ field: 'guardian.name', rule: 'required' }),
    ]);
  });
});

describe('consent', () => {
  it('the guardian-consent task is a consent task, nobody ticks or waives it', () => {
    expect(isConsentTask(TASK_KEYS.guardianConsent)).toBe(true);
    expect(isConsentTask('learner-dossier')).toBe(false);
    expect(taskEditBlocker('preparation', TASK_KEYS.guardianConsent)).toEqual(
      expect.objectContaining({ code: 'consent-by-guardian' }),
    );
    expect(taskEditBlocker('application', TASK_KEYS.guardianConsent)?.code).toBe('consent-by-guardian');
    // A closed mobility says so first.
    expect(taskEditBlocker('completed', TASK_KEYS.guardianConsent)?.code).toBe('checklist-closed');
    expect(taskEditBlocker('preparation', 'learner-dossier')).toBeNull();
  });

  it('states: not needed, no guardian, pending, given, refused', () => {
    expect(consentState({ minor: false, hasGuardian: false, lastAnswer: null })).toBe('not-needed');
    expect(consentState({ minor: true, hasGuardian: false, lastAnswer: null })).toBe('no-guardian');
    expect(consentState({ minor: true, hasGuardian: true, lastAnswer: null })).toBe('pending');
    expect(consentState({ minor: true, hasGuardian: true, lastAnswer: 'refused' })).toBe('refused');
    expect(consentState({ minor: true, hasGuardian: true, lastAnswer: 'given' })).toBe('given');
    // Consent given stays on record when new dates make the participant an adult.
    expect(consentState({ minor: false, hasGuardian: true, lastAnswer: 'given' })).toBe('given');
  });

  it('new dates across the 18th birthday turn a participant into a minor or an adult', () => {
    expect(minorityChange('2008-06-10', '2026-06-01', '2026-06-10')).toBe('became-adult');
    expect(minorityChange('2008-06-10', '2026-06-10', '2026-06-09')).toBe('became-minor');
    expect(minorityChange('2008-06-10', '2026-06-01', '2026-06-09')).toBeNull();
    expect(minorityChange(null, '2026-06-01', '2027-06-09')).toBeNull();
  });
});

describe('accompanying person', () => {
  const stay = { activityType: 'LM-SHORT-VET' as const, startDate: '2026-06-01', endDate: '2026-06-28', travelDays: 1 };

  it('goes within the stay, travel days included', () => {
    expect(accompanyingPersonViolations(stay, { startDate: '2026-05-31', endDate: '2026-06-29' })).toEqual([]);
    expect(accompanyingPersonViolations(stay, { startDate: '2026-05-30', endDate: '2026-06-05' })).toEqual([
      expect.objectContaining({ field: 'startDate' }),
    ]);
    expect(accompanyingPersonViolations(stay, { startDate: '2026-06-01', endDate: '2026-06-30' })).toEqual([
      expect.objectContaining({ field: 'endDate' }),
    ]);
    expect(
      accompanyingPersonViolations(stay, { startDate: '2026-06-10', endDate: '2026-06-05' }).map((v) => v.rule),
    ).toContain('end on or after start');
  });

  it('goes with learners, not with staff mobilities', () => {
    expect(
      accompanyingPersonViolations(
        { ...stay, activityType: 'SM-JOB-SHDW' },
        { startDate: '2026-06-01', endDate: '2026-06-02' },
      ),
    ).toEqual([expect.objectContaining({ rule: 'learner mobilities only' })]);
  });
});
