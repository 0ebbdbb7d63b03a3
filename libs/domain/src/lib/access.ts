import type { TaskRole } from './checklist/template.types';
import type { TaskStatus } from './machine/conditions';
import type { MobilityEventType } from './machine/mobility.machine';

/**
 * Who may do what: the access rules as data, shared by the API (which enforces them) and the
 * dashboard (which shows only what the signed-in person may do).
 */

/** A user's role in an organisation they belong to. */
export const MEMBER_ROLES = ['coordinator', 'staff', 'mentor'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** What a user is to one mobility: the sending side's coordinator or staff, the host's mentor, the learner. */
export const MOBILITY_ROLES = ['coordinator', 'staff', 'mentor', 'learner'] as const;
export type MobilityRole = (typeof MOBILITY_ROLES)[number];

export interface AccessMembership {
  readonly organisationId: string;
  readonly role: MemberRole;
}

export interface AccessIdentity {
  readonly memberships: readonly AccessMembership[];
  /**
   * The person records linked to this account: one per school that named them by their e-mail
   * address, each with every mobility of theirs at that school (empty for someone who never goes abroad).
   */
  readonly personIds: readonly string[];
}

/** The organisations and the person a mobility belongs to. */
export interface MobilityParties {
  /** The project's beneficiary: its coordinators manage every mobility of the project. */
  readonly beneficiaryOrganisationId: string;
  readonly sendingOrganisationId: string;
  readonly hostOrganisationId: string | null;
  /** The person who goes. */
  readonly personId: string;
}

/** Organisations in which the user works on the sending side (coordinator or staff). */
export function sendingOrganisationIds(identity: Pick<AccessIdentity, 'memberships'>): string[] {
  return identity.memberships.filter((m) => m.role !== 'mentor').map((m) => m.organisationId);
}

/** Organisations in which the user is a mentor (host side). */
export function hostOrganisationIds(identity: Pick<AccessIdentity, 'memberships'>): string[] {
  return identity.memberships.filter((m) => m.role === 'mentor').map((m) => m.organisationId);
}

/** Organisations whose projects, people and audit log the user manages. */
export function coordinatedOrganisationIds(identity: Pick<AccessIdentity, 'memberships'>): string[] {
  return identity.memberships.filter((m) => m.role === 'coordinator').map((m) => m.organisationId);
}

/**
 * What the user is to a project: coordinator or staff of its beneficiary, or null (then it does not
 * exist for them). Staff see the project; only coordinators record its report and tick its tasks.
 */
export function projectRoleOf(
  identity: Pick<AccessIdentity, 'memberships'>,
  beneficiaryOrganisationId: string,
): 'coordinator' | 'staff' | null {
  const role = roleIn(identity, beneficiaryOrganisationId);
  return role === 'coordinator' || role === 'staff' ? role : null;
}

function roleIn(identity: Pick<AccessIdentity, 'memberships'>, organisationId: string | null): MemberRole | null {
  if (!organisationId) return null;
  return identity.memberships.find((m) => m.organisationId === organisationId)?.role ?? null;
}

/**
 * What the user is to a mobility, or null if it is none of theirs (then it does not exist for
 * them). The strongest relation wins: a coordinator of the beneficiary or the sending school, then
 * its staff, then the host's mentor, then the learner.
 */
export function mobilityRoleOf(identity: AccessIdentity, parties: MobilityParties): MobilityRole | null {
  const sending = [
    roleIn(identity, parties.beneficiaryOrganisationId),
    roleIn(identity, parties.sendingOrganisationId),
  ];
  if (sending.includes('coordinator')) return 'coordinator';
  if (sending.includes('staff')) return 'staff';
  if (roleIn(identity, parties.hostOrganisationId) === 'mentor') return 'mentor';
  if (identity.personIds.includes(parties.personId)) return 'learner';
  return null;
}

export const isSendingSide = (role: MobilityRole): boolean => role === 'coordinator' || role === 'staff';

/**
 * Lifecycle events each role may send. HOST_CONFIRM and HOST_DECLINE are the host's answer;
 * REOPEN and WITHDRAW undo work or end a mobility, so only the sending side's coordinator decides.
 */
export const EVENTS_OF_ROLE: Readonly<Record<MobilityRole, readonly MobilityEventType[]>> = {
  coordinator: ['ADVANCE', 'REOPEN', 'WITHDRAW'],
  staff: ['ADVANCE'],
  mentor: ['HOST_CONFIRM', 'HOST_DECLINE'],
  learner: [],
};

export function mayApplyEvent(role: MobilityRole, event: MobilityEventType): boolean {
  return EVENTS_OF_ROLE[role].includes(event);
}

/** The checklist tasks a role sees: the sending side all of them, a mentor the host's, a learner their own. */
export function visibleTaskRoles(role: MobilityRole): readonly TaskRole[] {
  if (isSendingSide(role)) return ['coordinator', 'sending', 'host', 'learner'];
  return role === 'mentor' ? ['host'] : ['learner'];
}

/**
 * Whether `role` may set a task of `taskRole` to `status`. The sending side answers for the whole
 * checklist (it may record what a host or a learner did, and waive); a mentor ticks the host's
 * tasks and a learner their own, but only the sending side waives a task.
 */
export function mayChangeTask(role: MobilityRole, taskRole: TaskRole, status: TaskStatus): boolean {
  if (isSendingSide(role)) return true;
  return visibleTaskRoles(role).includes(taskRole) && status !== 'waived';
}

/** Dates, host and travel of a mobility are the sending side's to change. */
export const mayEditMobility = isSendingSide;

/** Personal data beyond name and contact (the date of birth) is for the sending side and the learner. */
export function seesPersonalDetails(role: MobilityRole): boolean {
  return role !== 'mentor';
}

/** Which organisation roles a coordinator may give when inviting into an organisation. */
export function invitableRoles(relation: 'member' | 'partner'): readonly MemberRole[] {
  // Into their own organisation: colleagues of any role. Into a host company they registered as a
  // partner (which has no coordinator of its own): its mentors.
  return relation === 'member' ? MEMBER_ROLES : ['mentor'];
}
