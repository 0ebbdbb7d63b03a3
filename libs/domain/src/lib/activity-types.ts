import { daysBetween, IsoDate } from './dates';

/**
 * Activity types of KA1 VET mobility with their Beneficiary Module (BM) codes and duration limits.
 * Source: reference §1.3 (Commission BM wiki, NA pages), all tagged [rule].
 *
 * Duration counting: the limits are days of activity abroad, travel days excluded, and BOTH the
 * first day (T0) and the last day (T1) are counted — a mobility from 2026-03-02 to 2026-03-11 lasts
 * 10 days. Travel days are stored separately and never count towards the limits.
 */
export const DURATION_COUNTS_FIRST_AND_LAST_DAY = true;

export type ParticipantCategory = 'learner' | 'staff';

export interface ActivityType {
  readonly code: string;
  readonly label: string;
  readonly category: ParticipantCategory;
  readonly minDays: number;
  readonly maxDays: number;
}

export const ACTIVITY_TYPES = {
  'LM-SHORT-VET': {
    code: 'LM-SHORT-VET',
    label: 'Short-term learning mobility of VET learners',
    category: 'learner',
    minDays: 10,
    maxDays: 89,
  },
  'LM-LONG-VET': {
    code: 'LM-LONG-VET',
    label: 'Long-term learning mobility of VET learners (ErasmusPro)',
    category: 'learner',
    minDays: 90,
    maxDays: 365,
  },
  'LM-SKILL-VET': {
    code: 'LM-SKILL-VET',
    label: 'Participation in VET skills competitions',
    category: 'learner',
    minDays: 1,
    maxDays: 10,
  },
  'SM-JOB-SHDW': { code: 'SM-JOB-SHDW', label: 'Job shadowing', category: 'staff', minDays: 2, maxDays: 60 },
  'SM-TTA': {
    code: 'SM-TTA',
    label: 'Teaching or training assignment',
    category: 'staff',
    minDays: 2,
    maxDays: 365,
  },
  'SM-COUR-TRAIN': {
    code: 'SM-COUR-TRAIN',
    label: 'Courses and training',
    category: 'staff',
    minDays: 2,
    maxDays: 30,
  },
} as const satisfies Record<string, ActivityType>;

export type ActivityTypeCode = keyof typeof ACTIVITY_TYPES;
export const ACTIVITY_TYPE_CODES = Object.keys(ACTIVITY_TYPES) as ActivityTypeCode[];

export function isActivityTypeCode(value: unknown): value is ActivityTypeCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ACTIVITY_TYPES, value);
}

/** Days of activity, counting both the first and the last day. */
export function activityDays(startDate: IsoDate, endDate: IsoDate): number {
  return daysBetween(startDate, endDate) + (DURATION_COUNTS_FIRST_AND_LAST_DAY ? 1 : 0);
}

/** A broken rule, named by the field it concerns, ready to become a problem+json entry. */
export interface RuleViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * The date rules of one mobility: end not before start, and a duration inside the activity
 * type's limits. Returns every violation (empty when valid).
 */
export function validateMobilityDates(
  activityType: ActivityTypeCode,
  startDate: IsoDate,
  endDate: IsoDate,
): RuleViolation[] {
  if (daysBetween(startDate, endDate) < 0) {
    return [{ field: 'endDate', rule: 'endDate >= startDate', message: 'endDate must not be before startDate' }];
  }
  const type = ACTIVITY_TYPES[activityType];
  const days = activityDays(startDate, endDate);
  if (days < type.minDays || days > type.maxDays) {
    return [
      {
        field: 'endDate',
        rule: `duration ${type.minDays}-${type.maxDays} days for ${type.code}`,
        message: `${type.code} lasts ${type.minDays} to ${type.maxDays} days (first and last day counted, travel excluded); these dates give ${days}`,
      },
    ];
  }
  return [];
}
