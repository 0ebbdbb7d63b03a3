import { ACTIVITY_TYPES, ActivityTypeCode, RuleViolation } from './activity-types';
import { CHECKLIST_V1 } from './checklist/checklist-v1';
import { CHECKLIST_V2 } from './checklist/checklist-v2';
import { CURRENT_CHECKLIST } from './checklist/checklist';
import { addDays, daysBetween, IsoDate, isIsoDate } from './dates';
import { ageOn, isMinorOn } from './participants';

/*
 * Minors, their guardians and accompanying persons. A participant under 18 on the first day abroad
 * needs a parent's or legal guardian's consent (reference §3.2 #3 "authorisations (e.g. parental
 * consent)", #8 the grant agreement signed "SO+L (+guardian)"; the learning agreement carries the
 * "parent/guardian contact if applicable", §4.4). The data model keeps the participant's date of birth
 * and guardian (§8), never special-category data such as health or religion (§7.2, GDPR art. 9).
 */

/** Whether the activity's participants are learners (whose age decides whether a guardian consents). */
export function isLearnerActivity(activityType: ActivityTypeCode): boolean {
  return ACTIVITY_TYPES[activityType].category === 'learner';
}

/** Nobody older than this goes on a VET learning mobility: a date before it is a typing error. */
export const MAX_PLAUSIBLE_AGE = 100;

/**
 * The date of birth of a new participant: required for learners (their age on the first day abroad
 * decides whether a guardian consents), a real past date, a plausible age. `today` in the school's zone.
 */
export function dateOfBirthViolations(
  activityType: ActivityTypeCode,
  dateOfBirth: IsoDate | null | undefined,
  today: IsoDate,
): RuleViolation[] {
  const field = 'participant.dateOfBirth';
  if (dateOfBirth === null || dateOfBirth === undefined) {
    return isLearnerActivity(activityType)
      ? [
          {
            field,
            rule: 'required for learners',
            message:
              'the date of birth of a learner is required: under 18 on the first day abroad, a guardian must consent',
          },
        ]
      : [];
  }
  if (!isIsoDate(dateOfBirth)) return [{ field, rule: 'calendar date', message: 'dateOfBirth must be YYYY-MM-DD' }];
  if (dateOfBirth > today) {
    return [{ field, rule: 'not in the future', message: 'the date of birth cannot be in the future' }];
  }
  if (ageOn(dateOfBirth, today) >= MAX_PLAUSIBLE_AGE) {
    return [{ field, rule: `age under ${MAX_PLAUSIBLE_AGE}`, message: 'the date of birth is not plausible' }];
  }
  return [];
}

/** The age on the first day abroad, null when the date of birth is unknown (records older than the rule). */
export function ageAtStart(dateOfBirth: IsoDate | null, startDate: IsoDate): number | null {
  return dateOfBirth === null ? null : ageOn(dateOfBirth, startDate);
}

/** How the guardian is related to the participant. */
export const GUARDIAN_RELATIONSHIPS = ['parent', 'legal-guardian', 'other'] as const;
export type GuardianRelationship = (typeof GUARDIAN_RELATIONSHIPS)[number];

export interface GuardianInput {
  readonly name?: string | null;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly relationship?: string | null;
}

const blank = (value: string | null | undefined) => value === null || value === undefined || value.trim() === '';

/**
 * A minor's guardian must be named in full (name, e-mail, phone, relationship); an adult needs none.
 * `prefix` is the field path of the guardian in the request (`guardian` on create and on its own route).
 */
export function guardianViolations(
  minor: boolean,
  guardian: GuardianInput | null | undefined,
  prefix = 'guardian',
): RuleViolation[] {
  if (!minor && !guardian) return [];
  const missing = (['name', 'email', 'phone', 'relationship'] as const).filter((key) => blank(guardian?.[key]));
  if (!guardian && minor) {
    return [
      {
        field: prefix,
        rule: 'required for minors',
        message: 'the participant is under 18 on the first day abroad: name a parent or legal guardian',
      },
    ];
  }
  return missing.map((key) => ({
    field: `${prefix}.${key}`,
    rule: minor ? 'required for minors' : 'required',
    message: `the guardian's ${key} is required`,
  }));
}

/** A task a guardian gives (the checklist templates' `consent` flag), in any checklist version. */
export function isConsentTask(key: string): boolean {
  return [CHECKLIST_V1, CHECKLIST_V2, CURRENT_CHECKLIST].some((template) =>
    template.tasks.some((t) => t.key === key && t.consent === true),
  );
}

/** Where the guardian's consent stands, as the file shows it. */
export const CONSENT_STATES = ['not-needed', 'no-guardian', 'pending', 'given', 'refused'] as const;
export type ConsentState = (typeof CONSENT_STATES)[number];

/**
 * The consent's state: not needed for an adult; a minor without a guardian is flagged (`no-guardian`);
 * otherwise the guardian's latest answer, or pending. A refusal leaves the task open: the guardian may
 * still consent through a new link the school sends.
 */
export function consentState(input: {
  readonly minor: boolean;
  readonly hasGuardian: boolean;
  readonly lastAnswer: 'given' | 'refused' | null;
}): ConsentState {
  if (input.lastAnswer === 'given') return 'given';
  if (!input.minor) return 'not-needed';
  if (!input.hasGuardian) return 'no-guardian';
  return input.lastAnswer ?? 'pending';
}

/** Whether a change of dates turns the participant into a minor or an adult (the consent task follows). */
export function minorityChange(
  dateOfBirth: IsoDate | null,
  before: IsoDate,
  after: IsoDate,
): 'became-minor' | 'became-adult' | null {
  const was = isMinorOn(dateOfBirth, before);
  const is = isMinorOn(dateOfBirth, after);
  return was === is ? null : is ? 'became-minor' : 'became-adult';
}

/**
 * An accompanying person goes with a group of learners or with a minor (reference §1.3 "learners +
 * accompanying staff", "group mobility … accompanied"; §8 role participant|accompanying): not with staff mobilities. Their dates lie within
 * the stay, travel days included (the travel days before the first and after the last day abroad).
 */
export function accompanyingPersonViolations(
  mobility: {
    readonly activityType: ActivityTypeCode;
    readonly startDate: IsoDate;
    readonly endDate: IsoDate;
    readonly travelDays: number;
  },
  dates: { readonly startDate: IsoDate; readonly endDate: IsoDate },
): RuleViolation[] {
  if (!isLearnerActivity(mobility.activityType)) {
    return [
      {
        field: 'userAccountId',
        rule: 'learner mobilities only',
        message: 'accompanying persons go with learners (a group or a minor), not with staff mobilities',
      },
    ];
  }
  const violations: RuleViolation[] = [];
  if (daysBetween(dates.startDate, dates.endDate) < 0) {
    violations.push({ field: 'endDate', rule: 'end on or after start', message: 'endDate is before startDate' });
  }
  const earliest = addDays(mobility.startDate, -mobility.travelDays);
  const latest = addDays(mobility.endDate, mobility.travelDays);
  if (dates.startDate < earliest || dates.startDate > latest) {
    violations.push({
      field: 'startDate',
      rule: 'within the stay incl. travel days',
      message: `startDate must lie between ${earliest} and ${latest}`,
    });
  }
  if (dates.endDate < earliest || dates.endDate > latest) {
    violations.push({
      field: 'endDate',
      rule: 'within the stay incl. travel days',
      message: `endDate must lie between ${earliest} and ${latest}`,
    });
  }
  return violations;
}
