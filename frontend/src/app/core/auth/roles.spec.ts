import type { MeDto } from '@mobility-hub/api-client';
import { homeOf, inArea, teamOrganisationOf, type Area } from './roles';

const AREAS: readonly Area[] = ['sending', 'coordinator', 'host', 'learner'];

const SCHOOL = 'aaaaaaaa-0000-4000-8000-000000000001';
const OTHER_SCHOOL = 'aaaaaaaa-0000-4000-8000-000000000002';
const COMPANY = 'bbbbbbbb-0000-4000-8000-000000000001';

function person(memberships: MeDto['memberships'], ...participantIds: string[]): MeDto {
  return { id: 'u1', email: 'someone@example.org', displayName: 'Someone', memberships, participantIds };
}

const coordinator = person([{ organisationId: SCHOOL, organisationName: 'BK Rhein-Ruhr', role: 'coordinator' }]);
const staff = person([{ organisationId: SCHOOL, organisationName: 'BK Rhein-Ruhr', role: 'staff' }]);
const mentor = person([{ organisationId: COMPANY, organisationName: 'Talleres', role: 'mentor' }]);
const learner = person([], 'p1');

describe('roles', () => {
  it('reads the areas of a person from their memberships', () => {
    expect(AREAS.filter((a) => inArea(coordinator, a))).toEqual(['sending', 'coordinator']);
    expect(AREAS.filter((a) => inArea(staff, a))).toEqual(['sending']);
    expect(AREAS.filter((a) => inArea(mentor, a))).toEqual(['host']);
    expect(AREAS.filter((a) => inArea(learner, a))).toEqual(['learner']);
  });

  it('sends each person to their start page; the sending side first when someone is several things', () => {
    expect(homeOf(coordinator)).toBe('/projects');
    expect(homeOf(staff)).toBe('/projects');
    expect(homeOf(mentor)).toBe('/host');
    expect(homeOf(learner)).toBe('/me');
    expect(homeOf(person([...mentor.memberships, ...staff.memberships]))).toBe('/projects');
    expect(homeOf(person(mentor.memberships, 'p1'))).toBe('/host');
    expect(homeOf(person([]))).toBe('/account');
  });

  it('opens the team of the first organisation the person coordinates', () => {
    expect(teamOrganisationOf(coordinator)).toBe(SCHOOL);
    expect(
      teamOrganisationOf(
        person([
          { organisationId: SCHOOL, organisationName: 'A', role: 'staff' },
          { organisationId: OTHER_SCHOOL, organisationName: 'B', role: 'coordinator' },
        ]),
      ),
    ).toBe(OTHER_SCHOOL);
    expect(teamOrganisationOf(staff)).toBeNull();
  });
});
