import type { Phase } from '../phases';
import { PHASES } from '../phases';
import { TASK_KEYS } from '../checklist/checklist';
import type { IsoDate } from '../dates';
import { daysBetween, isIsoDate } from '../dates';
import { earliestEvaluationDay, earliestImplementationDay, formatDay } from '../calendar';
import { InsuranceCover, InsuranceRisk, missingInsuranceRisks, riskList } from '../insurance';
import { activityFamily, ActivityTypeCode } from '../activity-types';

export type TaskStatus = 'open' | 'done' | 'waived';
export const TASK_STATUSES: readonly TaskStatus[] = ['open', 'done', 'waived'];

/** What the guards need to know of one task. */
export interface TaskFact {
  readonly key: string;
  readonly phase: Phase;
  readonly title: string;
  readonly mandatory: boolean;
  readonly status: TaskStatus;
}

/**
 * The facts of a mobility at the moment an event is sent. The backend reads them from the database
 * inside the lifecycle transaction; the dashboard from the API. The machine decides on them alone.
 */
export interface MobilityFacts {
  readonly hostOrganisationId: string | null;
  /** The host organisation's country (where an EHIC counts as health cover), null without a host. */
  readonly hostCountry: string | null;
  readonly placementConfirmed: boolean;
  readonly tasks: readonly TaskFact[];
  /** Today's calendar date in the school's (the beneficiary's) time zone. */
  readonly today: IsoDate;
  /** T0 and T1 as planned: first and last day abroad, travel excluded. */
  readonly startDate: IsoDate;
  readonly endDate: IsoDate;
  /** Funded travel days of the whole trip (there and back). */
  readonly travelDays: number;
  /** The actual last day abroad once the stay was interrupted, null otherwise. */
  readonly actualEndDate: IsoDate | null;
  /** The insurance covers the sending side recorded (health, accident, third-party liability). */
  readonly insurance: readonly InsuranceCover[];
  /**
   * The activity type and how many accompanying persons are named: a group mobility of learners
   * travels accompanied (reference §1.3 "at least 2 learners; accompanied"). Absent: not checked.
   */
  readonly activityType?: ActivityTypeCode;
  readonly accompanyingPersons?: number;
}

/** What an INTERRUPT event carries besides its reason. */
export interface InterruptionDetails {
  /** The actual last day abroad (T0 ≤ day < T1, not after today). */
  readonly actualEndDate: IsoDate;
  /** Whether force majeure caused it (the BM's force-majeure flag, reference §3.3 #9). */
  readonly forceMajeure: boolean;
}

/**
 * Why an event cannot apply now, as data the API returns and the dashboard shows. `taskKey` names the
 * checklist task that settles the condition (where one does), so that the dashboard can link to it.
 */
export type UnmetCondition =
  | {
      readonly code: 'MANDATORY_TASK_OPEN';
      readonly taskKey: string;
      readonly title: string;
      readonly phase: Phase;
      readonly message: string;
    }
  | { readonly code: 'HOST_REQUIRED'; readonly taskKey: string; readonly message: string }
  | { readonly code: 'PLACEMENT_NOT_CONFIRMED'; readonly taskKey: string; readonly message: string }
  | { readonly code: 'PLACEMENT_ALREADY_CONFIRMED'; readonly message: string }
  | { readonly code: 'LEARNING_AGREEMENT_NOT_SIGNED'; readonly taskKey: string; readonly message: string }
  | { readonly code: 'REASON_REQUIRED'; readonly message: string }
  | {
      readonly code: 'INSURANCE_MISSING';
      readonly taskKey: string;
      readonly missingRisks: readonly InsuranceRisk[];
      readonly message: string;
    }
  | { readonly code: 'GROUP_NOT_ACCOMPANIED'; readonly message: string }
  | { readonly code: 'STAY_NOT_STARTED'; readonly earliestDate: IsoDate; readonly message: string }
  | { readonly code: 'STAY_NOT_ENDED'; readonly earliestDate: IsoDate; readonly message: string }
  | { readonly code: 'INTERRUPTION_DETAILS_REQUIRED'; readonly field: string; readonly message: string }
  | { readonly code: 'INTERRUPTION_DATE_INVALID'; readonly field: 'actualEndDate'; readonly message: string }
  | { readonly code: 'EVENT_NOT_ALLOWED'; readonly message: string };

export type UnmetConditionCode = UnmetCondition['code'];

/** Every unmet-condition code (a Record, so the compiler checks that none is missing). */
const UNMET_CONDITIONS: Record<UnmetConditionCode, true> = {
  MANDATORY_TASK_OPEN: true,
  HOST_REQUIRED: true,
  PLACEMENT_NOT_CONFIRMED: true,
  PLACEMENT_ALREADY_CONFIRMED: true,
  LEARNING_AGREEMENT_NOT_SIGNED: true,
  REASON_REQUIRED: true,
  INSURANCE_MISSING: true,
  GROUP_NOT_ACCOMPANIED: true,
  STAY_NOT_STARTED: true,
  STAY_NOT_ENDED: true,
  INTERRUPTION_DETAILS_REQUIRED: true,
  INTERRUPTION_DATE_INVALID: true,
  EVENT_NOT_ALLOWED: true,
};
/** The closed set of `unmet[].code` values, for the API contract. */
export const UNMET_CONDITION_CODES = Object.keys(UNMET_CONDITIONS) as readonly UnmetConditionCode[];

function openMandatoryTasks(facts: MobilityFacts, phases: readonly Phase[]): UnmetCondition[] {
  return facts.tasks
    .filter((t) => t.mandatory && t.status === 'open' && phases.includes(t.phase))
    .map((t) => ({
      code: 'MANDATORY_TASK_OPEN' as const,
      taskKey: t.key,
      title: t.title,
      phase: t.phase,
      message: `Mandatory task "${t.title}" (${t.phase}) is still open`,
    }));
}

const HOST_REQUIRED: UnmetCondition = {
  code: 'HOST_REQUIRED',
  taskKey: TASK_KEYS.hostSearch,
  message: 'A host organisation must be assigned',
};

/** The checklist task that recording the insurance ticks (and that INSURANCE_MISSING links to). */
export const INSURANCE_TASK_KEY = 'insurance';

/** Everything that stops ADVANCE out of `from`; empty when it may advance. */
export function advanceBlockers(from: Phase, facts: MobilityFacts): UnmetCondition[] {
  const unmet = openMandatoryTasks(facts, from === 'finalisation' ? PHASES : [from]);
  if (from === 'application' && !facts.hostOrganisationId) unmet.push(HOST_REQUIRED);
  if (from === 'preparation') {
    if (!facts.placementConfirmed) {
      unmet.push({
        code: 'PLACEMENT_NOT_CONFIRMED',
        taskKey: TASK_KEYS.hostConfirmation,
        message: 'The host organisation has not confirmed the placement',
      });
    }
    const agreement = facts.tasks.find((t) => t.key === TASK_KEYS.learningAgreement);
    if (agreement?.status !== 'done') {
      unmet.push({
        code: 'LEARNING_AGREEMENT_NOT_SIGNED',
        taskKey: TASK_KEYS.learningAgreement,
        message: 'The learning agreement must be signed (done, not waived) before the mobility starts',
      });
    }
    const missing = missingInsuranceRisks(facts.insurance, facts.hostCountry);
    if (missing.length) {
      unmet.push({
        code: 'INSURANCE_MISSING',
        taskKey: INSURANCE_TASK_KEY,
        missingRisks: missing,
        message: `Insurance must be recorded before departure: no cover for ${riskList(missing)}`,
      });
    }
    if (
      facts.activityType !== undefined &&
      activityFamily(facts.activityType) === 'learner-group' &&
      (facts.accompanyingPersons ?? 0) === 0
    ) {
      unmet.push({
        code: 'GROUP_NOT_ACCOMPANIED',
        message: 'A group of learners travels accompanied: name an accompanying person from the school first',
      });
    }
    const earliest = earliestImplementationDay(facts.startDate, facts.travelDays);
    if (facts.today < earliest) {
      unmet.push({
        code: 'STAY_NOT_STARTED',
        earliestDate: earliest,
        message: `The stay starts on ${formatDay(facts.startDate, facts.today)}: Implementation can start from ${formatDay(earliest, facts.today)}`,
      });
    }
  }
  if (from === 'implementation') {
    const earliest = earliestEvaluationDay(facts.endDate, facts.actualEndDate);
    if (facts.today < earliest) {
      unmet.push({
        code: 'STAY_NOT_ENDED',
        earliestDate: earliest,
        message: `The stay ends on ${formatDay(earliest, facts.today)}: Evaluation can start from that day (or record an interruption)`,
      });
    }
  }
  return unmet;
}

/**
 * Everything that stops INTERRUPT (implementation → evaluation): a reason, the actual last day and
 * whether it was force majeure; the day lies in the stay (T0 ≤ day < T1: a stay that reached T1 was
 * not interrupted) and is not in the future (reference §3.3 #9, §3.4 #10 [rule]).
 */
export function interruptBlockers(
  facts: MobilityFacts,
  reason: string | undefined,
  details: Partial<InterruptionDetails> | undefined,
): UnmetCondition[] {
  const unmet = reasonBlockers(reason);
  const day = details?.actualEndDate;
  if (day === undefined || !isIsoDate(day)) {
    unmet.push({
      code: 'INTERRUPTION_DETAILS_REQUIRED',
      field: 'actualEndDate',
      message: 'An interruption needs the actual last day abroad',
    });
  } else if (daysBetween(facts.startDate, day) < 0 || daysBetween(day, facts.endDate) <= 0) {
    unmet.push({
      code: 'INTERRUPTION_DATE_INVALID',
      field: 'actualEndDate',
      message: `The actual last day must lie in the stay, from ${formatDay(facts.startDate, facts.today)} to the day before ${formatDay(facts.endDate, facts.today)}`,
    });
  } else if (day > facts.today) {
    unmet.push({
      code: 'INTERRUPTION_DATE_INVALID',
      field: 'actualEndDate',
      message: `The actual last day cannot be in the future (today is ${formatDay(facts.today, facts.today)})`,
    });
  }
  if (typeof details?.forceMajeure !== 'boolean') {
    unmet.push({
      code: 'INTERRUPTION_DETAILS_REQUIRED',
      field: 'forceMajeure',
      message: 'Say whether the interruption was caused by force majeure',
    });
  }
  return unmet;
}

export function hostConfirmBlockers(
  facts: Pick<MobilityFacts, 'hostOrganisationId' | 'placementConfirmed'>,
): UnmetCondition[] {
  if (!facts.hostOrganisationId) return [HOST_REQUIRED];
  if (facts.placementConfirmed) {
    return [{ code: 'PLACEMENT_ALREADY_CONFIRMED', message: 'The placement is already confirmed' }];
  }
  return [];
}

export function hostDeclineBlockers(facts: Pick<MobilityFacts, 'hostOrganisationId'>): UnmetCondition[] {
  return facts.hostOrganisationId ? [] : [HOST_REQUIRED];
}

export function reasonBlockers(reason: string | undefined): UnmetCondition[] {
  return reason && reason.trim().length > 0
    ? []
    : [{ code: 'REASON_REQUIRED', message: 'A reason is required for this event' }];
}
