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

/**
 * The family of an activity: which checklist variant it gets (checklist v2) and how mail speaks to
 * the participant. Several BM codes may share a family in later versions; today each has its own.
 */
export const ACTIVITY_FAMILIES = [
  'learner-short',
  'erasmus-pro',
  'skills-competition',
  'learner-group',
  'staff-job-shadowing',
  'staff-teaching',
  'staff-course',
  'invited-expert',
  'hosting-educator',
  'preparatory-visit',
] as const;
export type ActivityFamily = (typeof ACTIVITY_FAMILIES)[number];

/** Learners' families: apprentice eligibility, units of learning outcomes, a guardian for a minor. */
export const LEARNER_FAMILIES: readonly ActivityFamily[] = [
  'learner-short',
  'erasmus-pro',
  'skills-competition',
  'learner-group',
];

export function isLearnerFamily(family: ActivityFamily): boolean {
  return LEARNER_FAMILIES.includes(family);
}

export interface ActivityType {
  /** Our code: the BM activity-type code where the BM has one. */
  readonly code: string;
  /**
   * The Beneficiary Module's activity-type code, or null where the BM records the activity
   * elsewhere (preparatory visits: their own section) or lists no code for VET (group mobility).
   */
  readonly bmCode: string | null;
  readonly label: string;
  readonly category: ParticipantCategory;
  readonly family: ActivityFamily;
  /** Outgoing: our participant goes abroad. Incoming: someone from abroad comes to us. */
  readonly direction: 'outgoing' | 'incoming';
  /**
   * Duration limits (days, travel excluded) where the programme states them; null where the
   * reference tags them [unconfirmed] — those come from configuration (`DurationLimits`).
   */
  readonly minDays: number | null;
  readonly maxDays: number | null;
  /** Group activities: the fewest learners a group has (reference §1.3). */
  readonly minGroupSize?: number;
  /** At most this many persons per activity (preparatory visits, reference §3.2 #16, §6.4). */
  readonly maxPersons?: number;
  /** The activity is accompanied by staff (accompanying persons, reference §1.3). */
  readonly accompanied?: boolean;
}

/**
 * Accompanying persons are not an activity type: in the BM "participant" and "accompanying person"
 * are a mutually exclusive flag on a mobility activity (reference §7.2), and accompanying persons
 * travel with learners' mobilities (group mobility, minors, skills competitions). They are recorded
 * on the learner's mobility they accompany, not as an activity of their own.
 */
export const ACCOMPANYING_PERSON_IS_A_FLAG = true;

/** Course fees of staff courses and training are funded for at most this many days (reference §6.4 [rule]). */
export const COURSE_FEE_MAX_DAYS = 10;

export const ACTIVITY_TYPES = {
  'LM-SHORT-VET': {
    code: 'LM-SHORT-VET',
    bmCode: 'LM-SHORT-VET',
    label: 'Short-term learning mobility of VET learners',
    category: 'learner',
    family: 'learner-short',
    direction: 'outgoing',
    minDays: 10,
    maxDays: 89,
  },
  'LM-LONG-VET': {
    code: 'LM-LONG-VET',
    bmCode: 'LM-LONG-VET',
    label: 'Long-term learning mobility of VET learners (ErasmusPro)',
    category: 'learner',
    family: 'erasmus-pro',
    direction: 'outgoing',
    minDays: 90,
    maxDays: 365,
  },
  'LM-SKILL-VET': {
    code: 'LM-SKILL-VET',
    bmCode: 'LM-SKILL-VET',
    label: 'Participation in VET skills competitions',
    category: 'learner',
    family: 'skills-competition',
    direction: 'outgoing',
    minDays: 1,
    maxDays: 10,
    accompanied: true,
  },
  // Reference §1.3: 2-30 days, at least 2 learners, accompanied. The BM wiki's KA121-VET list of
  // activity types names no group code (its group-activity pages say they are not available for
  // KA121/KA122-VET), so ours is an internal code and the BM code is null: record it as the NA says.
  'LM-GROUP-VET': {
    code: 'LM-GROUP-VET',
    bmCode: null,
    label: 'Group mobility of VET learners',
    category: 'learner',
    family: 'learner-group',
    direction: 'outgoing',
    minDays: 2,
    maxDays: 30,
    minGroupSize: 2,
    accompanied: true,
  },
  'SM-JOB-SHDW': {
    code: 'SM-JOB-SHDW',
    bmCode: 'SM-JOB-SHDW',
    label: 'Job shadowing',
    category: 'staff',
    family: 'staff-job-shadowing',
    direction: 'outgoing',
    minDays: 2,
    maxDays: 60,
  },
  'SM-TTA': {
    code: 'SM-TTA',
    bmCode: 'SM-TTA',
    label: 'Teaching or training assignment',
    category: 'staff',
    family: 'staff-teaching',
    direction: 'outgoing',
    minDays: 2,
    maxDays: 365,
  },
  'SM-COUR-TRAIN': {
    code: 'SM-COUR-TRAIN',
    bmCode: 'SM-COUR-TRAIN',
    label: 'Courses and training',
    category: 'staff',
    family: 'staff-course',
    direction: 'outgoing',
    minDays: 2,
    maxDays: 30,
  },
  // Reference §1.3: duration [unconfirmed] (2-60 seen only in third-party code): configuration.
  'OA-INV-EXP': {
    code: 'OA-INV-EXP',
    bmCode: 'OA-INV-EXP',
    label: 'Invited experts',
    category: 'staff',
    family: 'invited-expert',
    direction: 'incoming',
    minDays: null,
    maxDays: null,
  },
  // Reference §1.3: duration [unconfirmed] (10-365 seen only in third-party code): configuration.
  'OA-HOS-TTT': {
    code: 'OA-HOS-TTT',
    bmCode: 'OA-HOS-TTT',
    label: 'Hosting teachers and educators in training',
    category: 'staff',
    family: 'hosting-educator',
    direction: 'incoming',
    minDays: null,
    maxDays: null,
  },
  // Reference §1.3, §3.2 #16, §6.4: a separate BM section (no activity-type code), at most 3
  // persons per visit; no duration stated: configuration.
  'PREP-VISIT': {
    code: 'PREP-VISIT',
    bmCode: null,
    label: 'Preparatory visit',
    category: 'staff',
    family: 'preparatory-visit',
    direction: 'outgoing',
    minDays: null,
    maxDays: null,
    maxPersons: 3,
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

/** Duration limits of one activity type, days travel excluded, both ends counted. */
export interface DurationLimit {
  readonly minDays: number;
  readonly maxDays: number;
}

/**
 * Limits the programme leaves open (tagged [unconfirmed] in the reference) or an installation
 * overrides: the backend passes its configuration here. Keys are activity-type codes.
 */
export type DurationLimits = Readonly<Partial<Record<ActivityTypeCode, DurationLimit>>>;

/** An activity type's family (which checklist variant, how mail addresses the participant). */
export function activityFamily(code: ActivityTypeCode): ActivityFamily {
  return ACTIVITY_TYPES[code].family;
}

/**
 * The limits that apply to `code`: the configured ones where given, else the programme's; null when
 * neither is known (then only the order of the dates is checked).
 */
export function durationLimit(code: ActivityTypeCode, configured: DurationLimits = {}): DurationLimit | null {
  const override = configured[code];
  if (override) return override;
  const { minDays, maxDays } = ACTIVITY_TYPES[code] as ActivityType;
  return minDays !== null && maxDays !== null ? { minDays, maxDays } : null;
}

/**
 * The date rules of one mobility: end not before start, and a duration inside the activity
 * type's limits (`configured` supplies those the programme leaves open). Returns every violation
 * (empty when valid).
 */
export function validateMobilityDates(
  activityType: ActivityTypeCode,
  startDate: IsoDate,
  endDate: IsoDate,
  configured: DurationLimits = {},
): RuleViolation[] {
  if (daysBetween(startDate, endDate) < 0) {
    return [{ field: 'endDate', rule: 'endDate >= startDate', message: 'endDate must not be before startDate' }];
  }
  const limit = durationLimit(activityType, configured);
  if (!limit) return [];
  const days = activityDays(startDate, endDate);
  if (days < limit.minDays || days > limit.maxDays) {
    return [
      {
        field: 'endDate',
        rule: `duration ${limit.minDays}-${limit.maxDays} days for ${activityType}`,
        message: `${activityType} lasts ${limit.minDays} to ${limit.maxDays} days (first and last day counted, travel excluded); these dates give ${days}`,
      },
    ];
  }
  return [];
}
