import type { RuleViolation } from './activity-types';
import { activityDays } from './activity-types';
import { addDays, daysBetween, IsoDate } from './dates';

/**
 * The calendar of one mobility: what the lifecycle may do on which day. T0 is the first day
 * abroad, T1 the last (travel excluded); `today` is the calendar date in the school's time zone.
 */

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2 March" (the year added when it is not `today`'s): how a coordinator reads a date in a message. */
export function formatDay(date: IsoDate, today?: IsoDate): string {
  const [y, m, d] = date.split('-').map(Number);
  const day = `${d} ${MONTHS[m - 1]}`;
  return today !== undefined && today.slice(0, 4) === date.slice(0, 4) ? day : `${day} ${y}`;
}

/**
 * Days of travel before the first day abroad. `travelDays` are the funded travel days of the whole
 * trip, there and back (up to 2, up to 6 with green travel: reference §3.2 #11, §6.1): half of them
 * are the outbound journey, rounded up. Learners travel T0−1..−3 (reference §3.3 #1): at least one
 * day is always allowed, even when no travel day is funded.
 */
export function outboundTravelDays(travelDays: number): number {
  return Math.max(1, Math.ceil(travelDays / 2));
}

/** The first day implementation may start: the first outbound travel day (T0 − outbound days, at latest T0−1). */
export function earliestImplementationDay(startDate: IsoDate, travelDays: number): IsoDate {
  return addDays(startDate, -outboundTravelDays(travelDays));
}

/**
 * The first day evaluation may start: the last day abroad (T1), or the actual last day when the
 * stay was interrupted (reference §3.4: evaluation runs from T1).
 */
export function earliestEvaluationDay(endDate: IsoDate, actualEndDate: IsoDate | null): IsoDate {
  return actualEndDate ?? endDate;
}

/**
 * The learning agreement is signed by all three parties before the first day abroad (reference
 * §3.2 #7, §3.6, §4.4 [rule]). One completed on T0 or later is late: the file and the report flag it.
 * `completedOn` is the calendar day it was ticked done (null while it is not done).
 */
export function isLearningAgreementLate(completedOn: IsoDate | null, startDate: IsoDate): boolean {
  return completedOn !== null && completedOn >= startDate;
}

/** A mobility takes place inside its project (reference §1.2: the project's dates contain its activities). */
export function projectDateViolations(
  dates: { readonly startDate: IsoDate; readonly endDate: IsoDate },
  project: { readonly startDate: IsoDate; readonly endDate: IsoDate },
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (dates.startDate < project.startDate) {
    violations.push({
      field: 'startDate',
      rule: 'within the project dates',
      message: `the mobility cannot start before the project does (${formatDay(project.startDate)})`,
    });
  }
  if (dates.endDate > project.endDate) {
    violations.push({
      field: 'endDate',
      rule: 'within the project dates',
      message: `the mobility cannot end after the project does (${formatDay(project.endDate)})`,
    });
  }
  return violations;
}

/** What an interruption records: the actual last day abroad, and whether force majeure caused it. */
export interface Interruption {
  readonly actualEndDate: IsoDate;
  readonly forceMajeure: boolean;
}

/** Planned and actual days abroad of an interrupted stay (duration rules apply to the planned ones). */
export function interruptedDuration(
  dates: { readonly startDate: IsoDate; readonly endDate: IsoDate },
  actualEndDate: IsoDate,
): { readonly plannedDays: number; readonly actualDays: number; readonly daysLost: number } {
  const plannedDays = activityDays(dates.startDate, dates.endDate);
  const actualDays = activityDays(dates.startDate, actualEndDate);
  return { plannedDays, actualDays, daysLost: daysBetween(actualEndDate, dates.endDate) };
}
