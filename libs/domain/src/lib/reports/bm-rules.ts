import {
  ACTIVITY_TYPES,
  durationLimit,
  isActivityTypeCode,
  type ActivityType,
  type ActivityTypeCode,
  type DurationLimits,
} from '../activity-types';
import { daysBetween, isIsoDate } from '../dates';
import { MAX_TRAVEL_DAYS } from '../mobility-rules';
import { durationDays } from './columns';
import type { BmViolation, ReportMobilityRow, ReportOrganisation, ReportProject } from './report-rows';

/**
 * The Organisation ID (OID) as the Organisation Registration System issues it: `E` and 8 digits
 * (e.g. `E10209012`). The reference (§1.1) requires an OID for every organisation of a mobility but
 * does not write its shape down; this is the shape the organisation form already enforces.
 */
export const OID_PATTERN = /^E\d{8}$/;

/** An e-mail address's shape (one `@`, a dot in the domain, no spaces): the BM mails the participant report to it. */
export const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/**
 * How the BM records the activities that have no activity-type code of their own (reference §1.3,
 * §7.1): these rows cannot be imported as individual mobility activities.
 */
const RECORDED_ELSEWHERE: Readonly<Partial<Record<ActivityTypeCode, string>>> = {
  'LM-GROUP-VET':
    "group mobility of VET learners has no activity-type code in the BM's KA121/KA122-VET list of individual mobility activities: enter the group in the BM's Mobility activities section, group tab, by hand, as your National Agency asks",
  'PREP-VISIT':
    "preparatory visits are not mobility activities in the BM: enter the visit in the BM's Preparatory visits section (at most 3 persons per visit) by hand",
};

const blank = (value: string | null | undefined): boolean => value === null || value === undefined || !value.trim();

/**
 * The BM's rules for one mobility row of the BM export (mandatory fields, duration limits, OID
 * format, dates within the project, …): each broken rule with its field (a BM column key) and rule.
 * An empty list: the row can be exported.
 *
 * Sources: reference §1.1 (OIDs), §1.3 (activity types, durations — limits through
 * `durationLimit`, so those the reference tags [unconfirmed] come only from `durationLimits`),
 * §6.1 (travel days), §6.2 and §7.2 (duration = start to end, both counted, minus the interrupted
 * duration), §7.2 (the fields of a mobility activity).
 */
export function validateBmRow(
  row: ReportMobilityRow,
  project: ReportProject,
  durationLimits: DurationLimits = {},
): BmViolation[] {
  const participant = `${row.participant.firstName ?? ''} ${row.participant.lastName ?? ''}`.trim();
  const who = participant || `Mobility ${row.bmActivityId || row.id}`;
  const violations: BmViolation[] = [];
  const add = (field: string, rule: string, message: string): void => {
    violations.push({
      mobilityId: row.id,
      bmActivityId: row.bmActivityId,
      participant: participant || row.bmActivityId,
      field,
      rule,
      message: `${who}: ${message}`,
    });
  };

  // A withdrawal before departure is not a mobility that took place: it does not belong in the BM
  // file (delete it in the BM if it was entered there).
  if (row.state === 'withdrawn' && row.actualEndDate === null) {
    add(
      'bmActivityId',
      'withdrawn before departure',
      'withdrawn before the stay began: not a mobility to report (delete it in the BM if it was entered there)',
    );
    return violations;
  }

  // — The mobility activity
  if (blank(row.bmActivityId)) add('bmActivityId', 'required', 'the mobility activity ID is missing');

  const code = isActivityTypeCode(row.activityType) ? row.activityType : null;
  const type: ActivityType | null = code ? ACTIVITY_TYPES[code] : null;
  if (!code) {
    add(
      'activityType',
      'known activity type',
      `the activity type "${row.activityType}" is not a KA1 VET activity type`,
    );
  } else if ((row.bmActivityType ?? type?.bmCode ?? null) === null) {
    add(
      'activityType',
      'BM activity-type code',
      RECORDED_ELSEWHERE[code] ??
        `the activity type ${code} has no activity-type code in the BM: enter it in the BM by hand`,
    );
  }

  // — The participant
  if (blank(row.participant.firstName)) add('firstName', 'required', "the participant's first name is missing");
  if (blank(row.participant.lastName)) add('lastName', 'required', "the participant's last name is missing");
  if (blank(row.participant.email)) {
    add('email', 'required', "the participant's e-mail address is missing (the BM sends the participant report to it)");
  } else if (!EMAIL_SHAPE.test(row.participant.email.trim())) {
    add(
      'email',
      'e-mail format',
      `the participant's e-mail address "${row.participant.email}" is not an e-mail address`,
    );
  }

  // — From / to
  organisationViolations(row.sending, 'sending', 'sending organisation', add);
  if (!row.receiving) {
    add('receivingName', 'required', 'no receiving (host) organisation is chosen yet');
  } else {
    organisationViolations(row.receiving, 'receiving', 'receiving (host) organisation', add);
    if (
      type?.direction === 'outgoing' &&
      !blank(row.receiving.country) &&
      !blank(row.sending.country) &&
      row.receiving.country.trim().toUpperCase() === row.sending.country.trim().toUpperCase()
    ) {
      add(
        'receivingCountry',
        'receiving country differs from sending country',
        `the host is in ${row.receiving.country}, the same country as the sending organisation: a mobility goes abroad`,
      );
    }
  }

  // — Dates
  const startOk = isIsoDate(row.startDate);
  const endOk = isIsoDate(row.endDate);
  if (!startOk) add('startDate', 'required', 'the start date (first day of the activity abroad) is missing');
  if (!endOk) add('endDate', 'required', 'the end date (last day of the activity abroad) is missing');
  if (startOk && endOk) {
    if (daysBetween(row.startDate, row.endDate) < 0) {
      add(
        'endDate',
        'end date not before start date',
        `the end date ${row.endDate} is before the start date ${row.startDate}`,
      );
    } else {
      if (daysBetween(project.startDate, row.startDate) < 0) {
        add(
          'startDate',
          'within project dates',
          `the start date ${row.startDate} is before the project starts (${project.startDate} to ${project.endDate})`,
        );
      }
      if (daysBetween(row.endDate, project.endDate) < 0) {
        add(
          'endDate',
          'within project dates',
          `the end date ${row.endDate} is after the project ends (${project.startDate} to ${project.endDate})`,
        );
      }
      const interruptionOk = interruptionViolations(row, add);
      if (code && interruptionOk) durationViolations(row, code, durationLimits, add);
    }
  }

  // — Travel
  if (!Number.isInteger(row.travelDays) || row.travelDays < 0) {
    add(
      'travelDays',
      'whole number of days',
      `the funded travel days (${row.travelDays}) must be a whole number, 0 or more`,
    );
  } else {
    const max = row.greenTravel ? MAX_TRAVEL_DAYS.green : MAX_TRAVEL_DAYS.standard;
    if (row.travelDays > max) {
      add(
        'travelDays',
        row.greenTravel ? `travel days ≤ ${max} with green travel` : `travel days ≤ ${max}`,
        row.greenTravel
          ? `${row.travelDays} funded travel days; at most ${max} with green travel`
          : `${row.travelDays} funded travel days; at most ${max}, or ${MAX_TRAVEL_DAYS.green} when the participant travels green (tick green travel if so)`,
      );
    }
  }

  return violations;
}

type Add = (field: string, rule: string, message: string) => void;

function organisationViolations(
  organisation: ReportOrganisation,
  side: 'sending' | 'receiving',
  label: string,
  add: Add,
): void {
  if (blank(organisation.name)) add(`${side}Name`, 'required', `the ${label}'s name is missing`);
  if (blank(organisation.oid)) {
    add(
      `${side}Oid`,
      'required',
      `the ${label} ${organisation.name} has no OID (register it in the Organisation Registration System and enter its OID)`,
    );
  } else if (!OID_PATTERN.test((organisation.oid ?? '').trim())) {
    add(
      `${side}Oid`,
      'OID format E + 8 digits',
      `the ${label}'s OID "${organisation.oid}" is not an OID: E followed by 8 digits, e.g. E10209012`,
    );
  }
  if (blank(organisation.country)) add(`${side}Country`, 'required', `the ${label}'s country is missing`);
  if (blank(organisation.city)) add(`${side}City`, 'required', `the ${label}'s city is missing`);
}

/** The last day actually abroad lies inside the stay. False when it does not (duration then meaningless). */
function interruptionViolations(row: ReportMobilityRow, add: Add): boolean {
  if (row.actualEndDate === null) return true;
  if (
    !isIsoDate(row.actualEndDate) ||
    daysBetween(row.startDate, row.actualEndDate) < 0 ||
    daysBetween(row.actualEndDate, row.endDate) < 0
  ) {
    add(
      'interruptedDays',
      'interruption within the stay',
      `the last day actually abroad (${row.actualEndDate}) must lie between the start date ${row.startDate} and the end date ${row.endDate}`,
    );
    return false;
  }
  return true;
}

/**
 * The activity type's duration limits on the BM's duration: start to end, both days counted,
 * travel excluded, the interrupted duration deducted (reference §6.2, §7.2).
 *
 * Two cases the reference leaves to the National Agency, so this function does not hold the row
 * back for them (the BM judges on import): the minimum for a stay cut short under force majeure,
 * and the minimum for an accompanying person (who may accompany part of the stay). Maximums apply.
 */
function durationViolations(
  row: ReportMobilityRow,
  code: ActivityTypeCode,
  configured: DurationLimits,
  add: Add,
): void {
  const limit = durationLimit(code, configured);
  if (!limit) return;
  const days = durationDays(row);
  const interrupted = row.actualEndDate !== null && row.actualEndDate !== row.endDate;
  const minimumApplies = !row.accompanying && !(interrupted && row.forceMajeure);
  const dates = interrupted
    ? `from ${row.startDate}, interrupted after ${row.actualEndDate} (planned end ${row.endDate}), lasted ${days} days`
    : `from ${row.startDate} to ${row.endDate} lasts ${days} days`;
  if ((minimumApplies && days < limit.minDays) || days > limit.maxDays) {
    add(
      'durationDays',
      `duration ${limit.minDays}-${limit.maxDays} days`,
      `the stay ${dates}; ${ACTIVITY_TYPES[code].label} (${code}) lasts ${limit.minDays} to ${limit.maxDays} days (first and last day counted, travel days excluded)`,
    );
  }
}
