import type { ParticipantConditions } from './checklist/checklist';
import { IsoDate, isIsoDate } from './dates';

/** Age of majority for a mobility: under 18 on the first day abroad needs a guardian's consent. */
export const AGE_OF_MAJORITY = 18;

/**
 * Completed years of age on `date` for someone born on `dateOfBirth` (both ISO calendar dates).
 * A person born on 29 February turns a year older on 1 March in common years.
 */
export function ageOn(dateOfBirth: IsoDate, date: IsoDate): number {
  if (!isIsoDate(dateOfBirth) || !isIsoDate(date)) throw new RangeError('ageOn needs two ISO calendar dates');
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = date.split('-').map(Number);
  const hadBirthday = m > bm || (m === bm && d >= bd);
  return y - by - (hadBirthday ? 0 : 1);
}

/** Under 18 on the first day abroad (T0). Unknown date of birth: not known to be a minor. */
export function isMinorOn(dateOfBirth: IsoDate | null, startDate: IsoDate): boolean {
  return dateOfBirth !== null && ageOn(dateOfBirth, startDate) < AGE_OF_MAJORITY;
}

/** The participant facts that add tasks to a checklist (`TaskTemplate.condition`). */
export function participantConditions(participant: {
  readonly dateOfBirth: IsoDate | null;
  readonly startDate: IsoDate;
}): ParticipantConditions {
  return { minor: isMinorOn(participant.dateOfBirth, participant.startDate) };
}
