import {
  AccessIdentity,
  coordinatedOrganisationIds,
  hostOrganisationIds,
  invitableRoles,
  mayApplyEvent,
  mayChangeTask,
  mayEditMobility,
  mobilityRoleOf,
  MOBILITY_ROLES,
  MobilityParties,
  seesPersonalDetails,
  sendingOrganisationIds,
  visibleTaskRoles,
} from './access';
import { MOBILITY_EVENT_TYPES } from './machine/mobility.machine';

const parties: MobilityParties = {
  beneficiaryOrganisationId: 'beneficiary',
  sendingOrganisationId: 'sending',
  hostOrganisationId: 'host',
  personId: 'lena',
};

const person = (memberships: AccessIdentity['memberships'], ...personIds: string[]): AccessIdentity => ({
  memberships,
  personIds,
});

describe('what a person is to a mobility', () => {
  it('is the coordinator or staff of the beneficiary or of the sending school', () => {
    expect(mobilityRoleOf(person([{ organisationId: 'beneficiary', role: 'coordinator' }]), parties)).toBe(
      'coordinator',
    );
    expect(mobilityRoleOf(person([{ organisationId: 'sending', role: 'coordinator' }]), parties)).toBe('coordinator');
    expect(mobilityRoleOf(person([{ organisationId: 'sending', role: 'staff' }]), parties)).toBe('staff');
  });

  it('takes the strongest relation when there are several', () => {
    const both = person([
      { organisationId: 'sending', role: 'staff' },
      { organisationId: 'beneficiary', role: 'coordinator' },
      { organisationId: 'host', role: 'mentor' },
    ]);
    expect(mobilityRoleOf(both, parties)).toBe('coordinator');
    expect(mobilityRoleOf(person([{ organisationId: 'host', role: 'mentor' }], 'lena'), parties)).toBe('mentor');
  });

  it('is the mentor only of the host organisation, and the learner only of their own participant record', () => {
    expect(mobilityRoleOf(person([{ organisationId: 'host', role: 'mentor' }]), parties)).toBe('mentor');
    expect(mobilityRoleOf(person([], 'lena'), parties)).toBe('learner');
    expect(mobilityRoleOf(person([], 'jonas'), parties)).toBeNull();
  });

  it('is the learner of each mobility whose person record is theirs, whichever school sent it', () => {
    // One person named by two schools: two person records, one account.
    const lena = person([], 'lena-at-school-a', 'lena');
    expect(mobilityRoleOf(lena, parties)).toBe('learner');
    expect(mobilityRoleOf(lena, { ...parties, sendingOrganisationId: 'a', personId: 'lena-at-school-a' })).toBe(
      'learner',
    );
    expect(mobilityRoleOf(lena, { ...parties, personId: 'jonas' })).toBeNull();
    // Staff of one school who goes abroad with another: the learner of that mobility only.
    const staff = person([{ organisationId: 'elsewhere', role: 'staff' }], 'lena');
    expect(mobilityRoleOf(staff, parties)).toBe('learner');
    expect(mobilityRoleOf(staff, { ...parties, personId: 'jonas' })).toBeNull();
  });

  it('is nothing for another organisation, for a mentor role in the sending school, or without a host', () => {
    expect(mobilityRoleOf(person([{ organisationId: 'elsewhere', role: 'coordinator' }]), parties)).toBeNull();
    // A mentor membership is host-side: it gives nothing on the sending side.
    expect(mobilityRoleOf(person([{ organisationId: 'sending', role: 'mentor' }]), parties)).toBeNull();
    expect(
      mobilityRoleOf(person([{ organisationId: 'host', role: 'mentor' }]), { ...parties, hostOrganisationId: null }),
    ).toBeNull();
    expect(mobilityRoleOf(person([]), parties)).toBeNull();
  });
});

describe('what each role may do', () => {
  it('lets the host answer the placement, the coordinator reopen and withdraw, and the sending side advance', () => {
    const allowed = Object.fromEntries(
      MOBILITY_ROLES.map((role) => [role, MOBILITY_EVENT_TYPES.filter((e) => mayApplyEvent(role, e))]),
    );
    expect(allowed).toEqual({
      coordinator: ['ADVANCE', 'REOPEN', 'WITHDRAW'],
      staff: ['ADVANCE'],
      mentor: ['HOST_CONFIRM', 'HOST_DECLINE'],
      learner: [],
    });
  });

  it('shows a mentor the host tasks and a learner their own; the sending side sees the whole checklist', () => {
    expect(visibleTaskRoles('coordinator')).toEqual(['coordinator', 'sending', 'host', 'learner']);
    expect(visibleTaskRoles('staff')).toEqual(['coordinator', 'sending', 'host', 'learner']);
    expect(visibleTaskRoles('mentor')).toEqual(['host']);
    expect(visibleTaskRoles('learner')).toEqual(['learner']);
  });

  it('lets mentors and learners tick their own tasks but only the sending side waive', () => {
    expect(mayChangeTask('mentor', 'host', 'done')).toBe(true);
    expect(mayChangeTask('mentor', 'host', 'open')).toBe(true);
    expect(mayChangeTask('mentor', 'host', 'waived')).toBe(false);
    expect(mayChangeTask('mentor', 'learner', 'done')).toBe(false);
    expect(mayChangeTask('learner', 'learner', 'done')).toBe(true);
    expect(mayChangeTask('learner', 'sending', 'done')).toBe(false);
    expect(mayChangeTask('staff', 'host', 'waived')).toBe(true);
    expect(mayChangeTask('coordinator', 'learner', 'waived')).toBe(true);
  });

  it('keeps the date of birth from mentors, and mobility edits for the sending side', () => {
    expect(MOBILITY_ROLES.filter(seesPersonalDetails)).toEqual(['coordinator', 'staff', 'learner']);
    expect(MOBILITY_ROLES.filter(mayEditMobility)).toEqual(['coordinator', 'staff']);
  });

  it('invites colleagues of any role into one’s own organisation, and only mentors into a registered host', () => {
    expect(invitableRoles('member')).toEqual(['coordinator', 'staff', 'mentor']);
    expect(invitableRoles('partner')).toEqual(['mentor']);
  });

  it('sorts memberships into sending, host and coordinated organisations', () => {
    const identity = person([
      { organisationId: 'a', role: 'coordinator' },
      { organisationId: 'b', role: 'staff' },
      { organisationId: 'c', role: 'mentor' },
    ]);
    expect(sendingOrganisationIds(identity)).toEqual(['a', 'b']);
    expect(hostOrganisationIds(identity)).toEqual(['c']);
    expect(coordinatedOrganisationIds(identity)).toEqual(['a']);
  });
});
