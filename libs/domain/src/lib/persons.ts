import type { RuleViolation } from './activity-types';
import type { IsoDate } from './dates';

/**
 * People who come back: a school knows each person once (one record per school and e-mail address),
 * and each of their mobilities is a participation of that person. Creating a mobility for an address
 * the school already knows is a participation of that person — never a second record, and never a
 * silent rename of the first.
 */

/** A person's details as a school records them, or as a coordinator types them for a new mobility. */
export interface PersonDetails {
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly dateOfBirth: IsoDate | null;
}

/** The form an address is stored and compared in: trimmed, lower-case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Names compare without case and with runs of spaces as one ("lena  SCHMIDT" is "Lena Schmidt"). */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('und');
  return norm(a) === norm(b);
}

/**
 * What typing `given` for an address the school already knows as `known` means:
 * - `same`: the same person as recorded; the new mobility is theirs.
 * - `adds`: the same person, and `given` adds what the record lacked (a date of birth): the record
 *   gets it.
 * - `differs`: names or date of birth disagree with the record. A coordinator expects the school's
 *   records to change only when they change them on purpose (a typo in a new mobility must not rename
 *   a person in every file of theirs), so this is refused (409 `person-details-differ`) with the
 *   differing fields and the recorded person, whom the dashboard offers to use as recorded.
 */
export type PersonMatch =
  | { readonly kind: 'same' }
  | { readonly kind: 'adds'; readonly dateOfBirth: IsoDate }
  | { readonly kind: 'differs'; readonly violations: readonly RuleViolation[] };

/** `field` paths are those of the create-mobility request (`participant.firstName` …). */
export function matchPerson(known: PersonDetails, given: PersonDetails, field = 'participant'): PersonMatch {
  const violations: RuleViolation[] = [];
  const recorded = `${known.firstName} ${known.lastName}`;
  const differs = (name: keyof PersonDetails, what: string, value: string) =>
    violations.push({
      field: `${field}.${name}`,
      rule: 'same person',
      message: `${known.email} is ${recorded} at your school, recorded with ${what} ${value}: use that person, or correct the ${what}`,
    });
  if (!sameName(known.firstName, given.firstName)) differs('firstName', 'first name', `"${known.firstName}"`);
  if (!sameName(known.lastName, given.lastName)) differs('lastName', 'last name', `"${known.lastName}"`);
  if (known.dateOfBirth && given.dateOfBirth && known.dateOfBirth !== given.dateOfBirth) {
    differs('dateOfBirth', 'date of birth', known.dateOfBirth);
  }
  if (violations.length) return { kind: 'differs', violations };
  if (!known.dateOfBirth && given.dateOfBirth) return { kind: 'adds', dateOfBirth: given.dateOfBirth };
  return { kind: 'same' };
}
