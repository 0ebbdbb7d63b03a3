import type { MobilityState } from './phases';

/** What a host answered through its placement link. */
export type HostAnswerKind = 'confirmed' | 'declined';

/** A host's answer as the school keeps it: who, for which organisation (its name then), when, why. */
export interface HostAnswerRecord {
  readonly answer: HostAnswerKind;
  readonly hostOrganisationId: string | null;
  readonly hostName: string;
  readonly answeredAt: string;
}

/** The facts of the mobility now, against which an answer is still news or already overtaken. */
export interface HostAnswerMobilityFacts {
  readonly hostOrganisationId: string | null;
  readonly placementConfirmed: boolean;
  readonly phase: MobilityState;
}

/**
 * Whether the latest answer of a mobility still describes it, so that the board and the file show
 * it as a notice: a decline while no host has been chosen since (the next step is choosing one), a
 * confirmation while that host is still the confirmed host. A closed mobility has nothing to act on.
 */
export function isHostAnswerCurrent(latest: HostAnswerRecord, mobility: HostAnswerMobilityFacts): boolean {
  if (mobility.phase === 'completed' || mobility.phase === 'withdrawn') return false;
  if (latest.answer === 'declined') return mobility.hostOrganisationId === null;
  return (
    mobility.placementConfirmed &&
    latest.hostOrganisationId !== null &&
    mobility.hostOrganisationId === latest.hostOrganisationId
  );
}

/** How far back "answers since your last visit" looks for someone who has never opened it. */
export const HOST_ANSWERS_FIRST_VISIT_DAYS = 30;

/**
 * The instant after which answers count as new for a person: what they last saw, or, on their
 * first visit, the last {@link HOST_ANSWERS_FIRST_VISIT_DAYS} days.
 */
export function hostAnswersSince(seenUpTo: Date | null, now: Date): Date {
  return seenUpTo ?? new Date(now.getTime() - HOST_ANSWERS_FIRST_VISIT_DAYS * 24 * 60 * 60 * 1000);
}

/**
 * The new "seen up to" instant when a person marks answers as seen up to `upTo`: it only moves
 * forward (two tabs cannot bring old answers back) and never past now (a wrong clock cannot hide
 * answers still to come).
 */
export function nextSeenUpTo(current: Date | null, upTo: Date, now: Date): Date {
  const capped = upTo.getTime() > now.getTime() ? now : upTo;
  return current && current.getTime() >= capped.getTime() ? current : capped;
}
