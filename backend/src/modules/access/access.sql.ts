import { coordinatedOrganisationIds, hostOrganisationIds, sendingOrganisationIds } from '@mobility-hub/domain';
import type { Identity } from '../../common/identity';

/** Adds a parameter and answers its placeholder (`$n`). */
export type AddParam = (value: unknown) => string;

/**
 * The mobilities `identity` may see, as a condition on `m` (a mobility row): those of projects or
 * sending schools where they are coordinator or staff, those their host company hosts (mentors),
 * and their own as a learner (a person record linked to their account, of any school).
 */
export function visibleMobilitySql(identity: Identity, param: AddParam, m = 'm'): string {
  const sending = param(sendingOrganisationIds(identity));
  const hosting = param(hostOrganisationIds(identity));
  const parts = [
    `${m}.sending_organisation_id = ANY(${sending}::uuid[])`,
    `${m}.project_id IN (SELECT id FROM project WHERE beneficiary_organisation_id = ANY(${sending}::uuid[]))`,
    `${m}.host_organisation_id = ANY(${hosting}::uuid[])`,
  ];
  // Someone who goes on no mobility (most staff) gets the statement without the learner's clause.
  if (identity.personIds.length) parts.push(ownMobilitySql(identity, param, m));
  return `(${parts.join('\n        OR ')})`;
}

/**
 * The mobilities `identity` goes on themselves, as a condition on `m`: those whose person record
 * is linked to their account, of any school (a part of the visible ones).
 */
export function ownMobilitySql(identity: Identity, param: AddParam, m = 'm'): string {
  return `${m}.person_id = ANY(${param(identity.personIds)}::uuid[])`;
}

/**
 * The tasks of a listed mobility that count for `identity` (overdue, next due), as a condition on
 * `t` and its mobility `m`; undefined when they see every task of every mobility they see.
 */
export function visibleTaskSql(identity: Identity): ((param: AddParam) => string) | undefined {
  if (hostOrganisationIds(identity).length === 0 && identity.personIds.length === 0) return undefined;
  return (
    param,
  ) => `((t.role = 'host' AND m.host_organisation_id = ANY(${param(hostOrganisationIds(identity))}::uuid[]))
        OR (t.role = 'learner' AND m.person_id = ANY(${param(identity.personIds)}::uuid[]))
        OR ${sendingSideMobilitySql(identity, param)})`;
}

/** The mobilities on whose sending side `identity` works (coordinator or staff), as a condition on `m`. */
export function sendingSideMobilitySql(identity: Identity, param: AddParam, m = 'm'): string {
  const sending = param(sendingOrganisationIds(identity));
  return `(${m}.sending_organisation_id = ANY(${sending}::uuid[])
        OR ${m}.project_id IN (SELECT id FROM project WHERE beneficiary_organisation_id = ANY(${sending}::uuid[])))`;
}

/**
 * The outbox rows `identity` may see: mail about mobilities on whose sending side they work, mail to
 * their organisations' contacts (digests) and, for coordinators, the invitations they manage.
 * Account mail (resets, sign-in links) is nobody's.
 */
export function visibleOutboxSql(identity: Identity, param: AddParam, o = 'outbox'): string {
  return `(${o}.mobility_id IN (SELECT m.id FROM mobility m WHERE ${sendingSideMobilitySql(identity, param)})
        OR (${o}.organisation_id = ANY(${param(sendingOrganisationIds(identity))}::uuid[])
            AND (${o}.kind <> 'invitation' OR ${o}.organisation_id = ANY(${param(coordinatedOrganisationIds(identity))}::uuid[]))))`;
}

/**
 * The messages of the embedded catcher (`caught_mail`) `identity` may read in the private Mailbox:
 * one of the envelope recipients is their own address, or the contact address of an organisation
 * they coordinate (their membership with the coordinator role; not the partners their school
 * registered: a host company's placement link is the host's). Addresses compare case-insensitively.
 */
export function visibleCaughtMailSql(identity: Identity, param: AddParam, c = 'caught_mail'): string {
  return `EXISTS (SELECT 1 FROM unnest(${c}.envelope_to) AS rcpt(address)
                   WHERE lower(rcpt.address) = lower(${param(identity.email)}::text)
                      OR lower(rcpt.address) IN (SELECT lower(o.email) FROM organisation o
                                                  WHERE o.id = ANY(${param(coordinatedOrganisationIds(identity))}::uuid[])
                                                    AND o.email IS NOT NULL))`;
}

/** The projects `identity` works on: those of organisations where they are coordinator or staff. */
export function visibleProjectSql(identity: Identity, param: AddParam, p = 'p'): string {
  return `${p}.beneficiary_organisation_id = ANY(${param(sendingOrganisationIds(identity))}::uuid[])`;
}

/**
 * The organisations `identity` may see: their own, and the partners (host companies, other schools)
 * their organisations registered.
 */
export function visibleOrganisationSql(identity: Identity, param: AddParam, o = 'o'): string {
  const own = param(identity.memberships.map((m) => m.organisationId));
  return `(${o}.id = ANY(${own}::uuid[])
        OR ${o}.registered_by_organisation_id = ANY(${param(sendingOrganisationIds(identity))}::uuid[]))`;
}

/** A parameter list and its placeholder maker, for building one statement. */
export function sqlParams(initial: unknown[] = []): { params: unknown[]; param: AddParam } {
  const params = initial.slice();
  return { params, param: (value) => `$${params.push(value)}` };
}
