import { TestBed } from '@angular/core/testing';
import {
  provideRouter,
  Router,
  type ActivatedRouteSnapshot,
  type RouterStateSnapshot,
  type UrlTree,
} from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { signedIn, toHome } from './guards';
import type { Area } from './roles';
import { Session } from './session';

const COORDINATOR: MeDto = {
  id: 'u1',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [{ organisationId: 'o1', organisationName: 'Berufskolleg Rhein-Ruhr', role: 'coordinator' }],
  participantIds: [],
};
const STAFF: MeDto = { ...COORDINATOR, memberships: [{ ...COORDINATOR.memberships[0], role: 'staff' }] };
const MENTOR: MeDto = {
  ...COORDINATOR,
  memberships: [{ organisationId: 'o2', organisationName: 'Talleres', role: 'mentor' }],
};
const LEARNER: MeDto = { ...COORDINATOR, memberships: [], participantIds: ['p1'] };

describe('route guards', () => {
  let user: MeDto | null;
  let loads: number;

  beforeEach(() => {
    loads = 0;
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        {
          provide: Session,
          useValue: {
            load: () => {
              loads++;
              return Promise.resolve(user);
            },
          },
        },
      ],
    });
  });

  /** Runs the guard for `url` as the router would; a redirect comes back as its URL. */
  async function guard(url: string, ...areas: Area[]): Promise<true | string> {
    const state = { url } as RouterStateSnapshot;
    const result = await TestBed.runInInjectionContext(() => signedIn(...areas)({} as ActivatedRouteSnapshot, state));
    if (result === true) return true;
    return TestBed.inject(Router).serializeUrl(result as UrlTree);
  }

  it('sends nobody signed in to the sign-in page, which brings them back', async () => {
    user = null;
    expect(await guard('/projects', 'sending')).toBe('/sign-in?returnTo=%2Fprojects');
    expect(await guard('/mobilities/m1?tab=x')).toBe('/sign-in?returnTo=%2Fmobilities%2Fm1%3Ftab%3Dx');
    expect(loads).toBe(2);
  });

  it('lets in the people of the page’s areas', async () => {
    user = COORDINATOR;
    expect(await guard('/projects', 'sending')).toBe(true);
    expect(await guard('/organisations/o1/team', 'coordinator')).toBe(true);
    user = STAFF;
    expect(await guard('/outbox', 'sending')).toBe(true);
    user = MENTOR;
    expect(await guard('/host', 'host')).toBe(true);
    user = LEARNER;
    expect(await guard('/me', 'learner')).toBe(true);
    expect(await guard('/mobilities/m1')).toBe(true);
  });

  it('sends the others to their own start page', async () => {
    user = STAFF;
    expect(await guard('/organisations/o1/team', 'coordinator')).toBe('/projects');
    user = MENTOR;
    expect(await guard('/projects', 'sending')).toBe('/host');
    expect(await guard('/me', 'learner')).toBe('/host');
    user = LEARNER;
    expect(await guard('/organisations', 'sending')).toBe('/me');
    expect(await guard('/host', 'host')).toBe('/me');
  });

  it('redirects the start of the app to each person’s home', async () => {
    const home = (): Promise<unknown> => TestBed.runInInjectionContext(() => toHome({} as never) as Promise<unknown>);
    user = COORDINATOR;
    expect(await home()).toBe('/projects');
    user = MENTOR;
    expect(await home()).toBe('/host');
    user = LEARNER;
    expect(await home()).toBe('/me');
    user = null;
    expect(await home()).toBe('/sign-in');
  });
});
