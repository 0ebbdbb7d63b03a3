import type { IsoDate } from './dates';
import type { MobilityState } from './phases';

/**
 * The participant report (EU Survey) as the BM shows it to the beneficiary (reference §4.7,
 * §3.4 #1–3 [rule]): Requested, Undelivered (bad e-mail address), Submitted, Excluded by the NA
 * (e.g. force majeure). The sending side records what the BM says; re-sending is possible from
 * Requested or Undelivered, at most once per 24 hours. Overdue is not stored: it is derived from
 * the submission deadline (the due date of the `participant-report-submitted` task, set by the
 * participant agreement — reference §3.6, an NA example, so a date of the checklist, not a constant).
 */
export const PARTICIPANT_REPORT_STATUSES = ['requested', 'undelivered', 'submitted', 'excluded'] as const;
export type ParticipantReportStatus = (typeof PARTICIPANT_REPORT_STATUSES)[number];

/** What the sending side records. */
export const PARTICIPANT_REPORT_ACTIONS = ['request', 'resend', 'undelivered', 'submitted', 'excluded'] as const;
export type ParticipantReportAction = (typeof PARTICIPANT_REPORT_ACTIONS)[number];

/** The BM lets a report be re-sent once per 24 hours (reference §3.4 #3, §4.7). */
export const PARTICIPANT_REPORT_RESEND_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** Checklist tasks a recorded status ticks, in the same transaction. */
export const PARTICIPANT_REPORT_TASKS = {
  requested: 'participant-report-requested',
  submitted: 'participant-report-submitted',
} as const;

export interface ParticipantReportState {
  readonly status: ParticipantReportStatus | null;
  readonly requestedAt: Date | null;
  readonly lastSentAt: Date | null;
  readonly resentCount: number;
  readonly submittedAt: Date | null;
}

export const NO_PARTICIPANT_REPORT: ParticipantReportState = {
  status: null,
  requestedAt: null,
  lastSentAt: null,
  resentCount: 0,
  submittedAt: null,
};

/** Where a report may be asked for: once the stay is over (evaluation onwards), or a withdrawn file being finished. */
const REPORT_STATES: readonly MobilityState[] = ['evaluation', 'finalisation', 'withdrawn'];

export type ParticipantReportPlan =
  | {
      readonly kind: 'refused';
      /** 409 problem code: the step is not possible from this status or state, or too soon. */
      readonly code: 'participant-report-refused' | 'participant-report-too-soon';
      readonly message: string;
      /** For too soon: when a re-send is possible again. */
      readonly retryAt?: Date;
    }
  | {
      readonly kind: 'record';
      readonly next: ParticipantReportState;
      /** The checklist task to tick done with it (null: none). */
      readonly tickTask: string | null;
    };

/** When a re-send is possible again (null: now, or never from this status). */
export function participantReportResendAt(state: ParticipantReportState): Date | null {
  if (state.status !== 'requested' && state.status !== 'undelivered') return null;
  if (state.lastSentAt === null) return null;
  return new Date(state.lastSentAt.getTime() + PARTICIPANT_REPORT_RESEND_INTERVAL_MS);
}

/** The rules of one recorded step, from `current` at instant `now`, for a mobility in `phase`. */
export function planParticipantReport(
  current: ParticipantReportState,
  action: ParticipantReportAction,
  phase: MobilityState,
  now: Date,
): ParticipantReportPlan {
  const refused = (message: string): ParticipantReportPlan => ({
    kind: 'refused',
    code: 'participant-report-refused',
    message,
  });
  if (!REPORT_STATES.includes(phase)) {
    return refused(
      phase === 'completed'
        ? 'The mobility is completed; its participant report can no longer change.'
        : `The participant report is requested once the stay is over; the mobility is in ${phase}.`,
    );
  }
  const from = current.status ?? 'not requested';
  switch (action) {
    case 'request':
      if (current.status !== null) return refused(`The participant report was already requested (now ${from}).`);
      return {
        kind: 'record',
        next: { ...current, status: 'requested', requestedAt: now, lastSentAt: now },
        tickTask: PARTICIPANT_REPORT_TASKS.requested,
      };
    case 'resend': {
      if (current.status !== 'requested' && current.status !== 'undelivered') {
        return refused(`A participant report can be re-sent when requested or undelivered; it is ${from}.`);
      }
      const retryAt = participantReportResendAt(current);
      if (retryAt !== null && now.getTime() < retryAt.getTime()) {
        return {
          kind: 'refused',
          code: 'participant-report-too-soon',
          message: 'The participant report can be re-sent once per 24 hours.',
          retryAt,
        };
      }
      return {
        kind: 'record',
        next: { ...current, status: 'requested', lastSentAt: now, resentCount: current.resentCount + 1 },
        tickTask: null,
      };
    }
    case 'undelivered':
      if (current.status !== 'requested') return refused(`Only a requested report can be undelivered; it is ${from}.`);
      return { kind: 'record', next: { ...current, status: 'undelivered' }, tickTask: null };
    case 'submitted':
      if (current.status !== 'requested' && current.status !== 'undelivered') {
        return refused(`A participant report is submitted after it was requested; it is ${from}.`);
      }
      return {
        kind: 'record',
        next: { ...current, status: 'submitted', submittedAt: now },
        tickTask: PARTICIPANT_REPORT_TASKS.submitted,
      };
    case 'excluded':
      if (current.status === 'submitted' || current.status === 'excluded') {
        return refused(`The participant report is ${from}; it cannot be excluded now.`);
      }
      return { kind: 'record', next: { ...current, status: 'excluded' }, tickTask: null };
  }
}

/** Overdue: asked for and not submitted (nor excluded) after the submission deadline. */
export function isParticipantReportOverdue(
  status: ParticipantReportStatus | null,
  deadline: IsoDate | null,
  today: IsoDate,
): boolean {
  return (status === 'requested' || status === 'undelivered') && deadline !== null && today > deadline;
}
