import {
  ACTIVITY_FAMILIES,
  ACTIVITY_TYPE_CODES,
  ACTIVITY_TYPES,
  activityDays,
  activityFamily,
  ActivityTypeCode,
  durationLimit,
  DurationLimits,
  isLearnerFamily,
} from '../activity-types';
import { addDays } from '../dates';
import { PHASES } from '../phases';
import {
  checklistFor,
  CURRENT_CHECKLIST,
  dueDate,
  findTaskTemplate,
  midpointOf,
  planChecklist,
  TASK_KEYS,
} from './checklist';
import { CHECKLIST_V1 } from './checklist-v1';
import { CHECKLIST_V2_VARIANTS } from './checklist-v2';

/** Open limits as an installation configures them (the backend's defaults). */
const CONFIGURED: DurationLimits = {
  'OA-INV-EXP': { minDays: 2, maxDays: 60 },
  'OA-HOS-TTT': { minDays: 10, maxDays: 365 },
  'PREP-VISIT': { minDays: 1, maxDays: 5 },
};

const START = '2026-03-02';
const datesFor = (days: number, startDate = START) => ({ startDate, endDate: addDays(startDate, days - 1) });
const keysOf = (code: ActivityTypeCode, days: number, minor = false) =>
  planChecklist(datesFor(days), checklistFor(2, code), { minor }).map((t) => t.key);

const LEARNER_ONLY = [
  'eligibility-check',
  'learning-units-agreed',
  'memorandum-of-understanding',
  'learner-dossier',
  TASK_KEYS.guardianConsent,
  'learner-portfolio',
  'outcomes-validated',
  'outcomes-recognised',
];

describe('checklist v2 variants', () => {
  it('has one variant per activity family, each marked with its family and version 2', () => {
    expect(Object.keys(CHECKLIST_V2_VARIANTS).sort()).toEqual([...ACTIVITY_FAMILIES].sort());
    for (const family of ACTIVITY_FAMILIES) {
      expect(CHECKLIST_V2_VARIANTS[family]).toMatchObject({ version: 2, family });
    }
    for (const code of ACTIVITY_TYPE_CODES) expect(checklistFor(2, code).family).toBe(activityFamily(code));
    expect(checklistFor(2, 'LM-SHORT-VET')).toBe(CURRENT_CHECKLIST);
  });

  it('keeps v1 one checklist for every activity (mobilities made with it keep it)', () => {
    for (const code of ACTIVITY_TYPE_CODES) expect(checklistFor(1, code)).toBe(CHECKLIST_V1);
  });

  describe.each(ACTIVITY_FAMILIES)('%s', (family) => {
    const template = CHECKLIST_V2_VARIANTS[family];
    const v1Keys = new Set(CHECKLIST_V1.tasks.map((t) => t.key));

    it('has unique kebab-case keys, titles and guidance; rule tasks mandatory, practice optional', () => {
      const keys = template.tasks.map((t) => t.key);
      expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
      for (const t of template.tasks) {
        expect(t.key).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(t.title.trim()).not.toBe('');
        expect(t.guidance.trim()).not.toBe('');
        if (t.basis === 'rule') expect({ key: t.key, mandatory: t.mandatory }).toEqual({ key: t.key, mandatory: true });
        if (t.basis === 'practice')
          expect({ key: t.key, mandatory: t.mandatory }).toEqual({ key: t.key, mandatory: false });
      }
    });

    it('has a mandatory task in every phase, and the tasks the lifecycle needs', () => {
      for (const phase of PHASES) {
        expect({ phase, mandatory: template.tasks.some((t) => t.phase === phase && t.mandatory) }).toEqual({
          phase,
          mandatory: true,
        });
      }
      // Leaving preparation needs the learning agreement done and the host's confirmation.
      expect(template.tasks.find((t) => t.key === TASK_KEYS.learningAgreement)).toMatchObject({
        phase: 'preparation',
        mandatory: true,
      });
      expect(template.tasks.find((t) => t.key === TASK_KEYS.hostConfirmation)?.phase).toBe('preparation');
      expect(template.tasks.find((t) => t.key === 'beneficiary-module-complete')).toMatchObject({
        phase: 'implementation',
        due: { anchor: 'T1', offsetDays: 0 },
      });
    });

    it('keeps the phase of every v1 key it reuses, except the fixed BM-complete task', () => {
      for (const t of template.tasks.filter((t) => v1Keys.has(t.key) && t.key !== 'beneficiary-module-complete')) {
        expect({ key: t.key, phase: t.phase }).toEqual({
          key: t.key,
          phase: CHECKLIST_V1.tasks.find((v) => v.key === t.key)?.phase,
        });
      }
    });

    if (isLearnerFamily(family)) {
      it("gives a minor the guardian's consent, as a mandatory consent task", () => {
        expect(template.tasks.find((t) => t.key === TASK_KEYS.guardianConsent)).toMatchObject({
          condition: 'minor',
          consent: true,
          mandatory: true,
          phase: 'preparation',
        });
      });
    } else {
      it('has no apprentice eligibility, units of learning outcomes, guardian consent, nor "placement" wording', () => {
        const keys = template.tasks.map((t) => t.key);
        for (const key of LEARNER_ONLY) expect(keys).not.toContain(key);
        expect(template.tasks.some((t) => t.consent || t.condition)).toBe(false);
        for (const t of template.tasks) {
          expect(`${t.key}: ${t.title} ${t.guidance}`).not.toMatch(
            /placement|apprentice|ECVET|parental|guardian|learner/i,
          );
        }
      });
    }
  });
});

describe('what each family gets', () => {
  it('job shadowing: staff eligibility, no apprentice eligibility, no ECVET units, no consent', () => {
    const keys = keysOf('SM-JOB-SHDW', 10, true);
    expect(keys).toContain('staff-eligibility-check');
    expect(keys).not.toContain('eligibility-check');
    expect(keys).not.toContain('learning-units-agreed');
    expect(keys).not.toContain(TASK_KEYS.guardianConsent);
  });

  it('ErasmusPro has a mid-stay review at the midpoint and monthly monitoring as long as the stay', () => {
    const planned = planChecklist(datesFor(120), checklistFor(2, 'LM-LONG-VET'));
    expect(planned.find((t) => t.key === 'mid-stay-review')?.dueDate).toBe(addDays(START, 59));
    expect(planned.filter((t) => t.key.startsWith('monitoring-day-')).map((t) => t.key)).toEqual([
      'monitoring-day-30',
      'monitoring-day-60',
      'monitoring-day-90',
    ]);
    expect(keysOf('LM-LONG-VET', 365).filter((k) => k.startsWith('monitoring-day-'))).toHaveLength(11);
    expect(keysOf('LM-SHORT-VET', 89)).not.toContain('mid-stay-review');
  });

  it('skills competitions: a 1-day stay has its whole implementation on that day', () => {
    const planned = planChecklist(datesFor(1), checklistFor(2, 'LM-SKILL-VET'));
    const implementation = planned.filter((t) => t.phase === 'implementation');
    expect(implementation.length).toBeGreaterThanOrEqual(5);
    for (const t of implementation) expect({ key: t.key, due: t.dueDate }).toEqual({ key: t.key, due: START });
    expect(planned.map((t) => t.key)).toContain('competition-registration');
  });

  it('group mobility: a group learning programme instead of an individual agreement, and accompanying persons', () => {
    const template = checklistFor(2, 'LM-GROUP-VET');
    expect(template.tasks.find((t) => t.key === TASK_KEYS.learningAgreement)?.title).toMatch(
      /group learning programme/i,
    );
    expect(template.tasks.find((t) => t.key === 'accompanying-persons')).toMatchObject({ mandatory: true });
  });

  it('courses: course selection with the ESEP ID and course fees funded for at most 10 days', () => {
    const template = checklistFor(2, 'SM-COUR-TRAIN');
    expect(template.tasks.find((t) => t.key === 'course-selected')?.title).toContain('ESEP');
    expect(template.tasks.find((t) => t.key === 'course-fees')?.title).toContain('10 days');
  });

  it('incoming experts and educators: our organisation welcomes them; preparatory visits have no participant report', () => {
    expect(keysOf('OA-INV-EXP', 5)).toContain('welcome-prepared');
    expect(keysOf('OA-HOS-TTT', 30)).toContain('mentor-named');
    expect(keysOf('PREP-VISIT', 2)).not.toContain('participant-report-submitted');
    expect(keysOf('PREP-VISIT', 2)).toContain('visit-purpose');
  });

  it('a 10-day stay gets its first check-in in the first three days and no check-in on day 14 or later', () => {
    const planned = planChecklist(datesFor(10), checklistFor(2, 'LM-SHORT-VET'));
    expect(planned.find((t) => t.key === 'monitoring-contact')?.dueDate).toBe(addDays(START, 2));
    expect(planned.some((t) => t.key.startsWith('monitoring-day-'))).toBe(false);
    // The v1 rule was T0+14 for everyone, after the end of a 10-day stay.
    const v1Rule = findTaskTemplate('monitoring-contact', CHECKLIST_V1).due;
    expect(dueDate(v1Rule, datesFor(10))).toBe(addDays(START, 14));
  });
});

describe('due rules keep every task in its period (property over families and durations)', () => {
  /** Durations to try: the limits, one day inside each, and a few between. */
  function durations(code: ActivityTypeCode): number[] {
    const limit = durationLimit(code, CONFIGURED);
    if (!limit) throw new Error(`no limit for ${code}`);
    const { minDays: lo, maxDays: hi } = limit;
    const between = [0.25, 0.5, 0.75].map((f) => Math.round(lo + (hi - lo) * f));
    return [...new Set([lo, lo + 1, ...between, hi - 1, hi].filter((d) => d >= lo && d <= hi))];
  }

  const cases = ACTIVITY_TYPE_CODES.flatMap((code) =>
    durations(code).flatMap((days) =>
      // A start in a leap February and one at the turn of the year.
      ['2028-02-27', '2026-12-30'].map((startDate) => ({ code, days, startDate })),
    ),
  );

  it.each(cases)('$code, $days days from $startDate', ({ code, days, startDate }) => {
    const dates = datesFor(days, startDate);
    expect(activityDays(dates.startDate, dates.endDate)).toBe(days);
    const planned = planChecklist(dates, checklistFor(2, code), { minor: true });
    const misplaced = planned.filter((t) => {
      switch (t.phase) {
        case 'application':
        case 'preparation':
          return t.dueDate > dates.startDate;
        case 'implementation':
          return t.dueDate < dates.startDate || t.dueDate > dates.endDate;
        case 'evaluation':
        case 'finalisation':
          return t.dueDate <= dates.endDate;
      }
    });
    expect(misplaced.map((t) => `${t.phase} ${t.key} ${t.dueDate}`)).toEqual([]);
    // Something happens during the stay in every family.
    expect(planned.some((t) => t.phase === 'implementation')).toBe(true);
  });

  it('covers every activity type at its minimum and maximum', () => {
    for (const code of ACTIVITY_TYPE_CODES) {
      const limit = durationLimit(code, CONFIGURED) ?? { minDays: -1, maxDays: -1 };
      expect(cases.some((c) => c.code === code && c.days === limit.minDays)).toBe(true);
      expect(cases.some((c) => c.code === code && c.days === limit.maxDays)).toBe(true);
    }
    expect(Object.keys(ACTIVITY_TYPES)).toHaveLength(ACTIVITY_TYPE_CODES.length);
  });

  it('puts the midpoint of a stay in its middle', () => {
    expect(midpointOf(datesFor(1))).toBe(START);
    expect(midpointOf(datesFor(2))).toBe(START);
    expect(midpointOf(datesFor(3))).toBe(addDays(START, 1));
    expect(midpointOf(datesFor(365))).toBe(addDays(START, 182));
  });
});
