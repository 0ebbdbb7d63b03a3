import { HttpClient, provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { MeDto } from '@mobility-hub/api-client';
import { Notifications } from '@app/core/notifications';
import { SESSION_URL, Session, SESSION_ENDED } from './session';
import { sessionEnded } from './session-ended';
import { problemType } from '@mobility-hub/domain';

const JONAS: MeDto = {
  id: '1c7f8e2f-69d6-4d1a-8b54-3a2a6e1a7b22',
  email: 'staff@bk-rhein-ruhr.example',
  displayName: 'Jonas Becker',
  memberships: [
    {
      organisationId: '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10',
      organisationName: 'Berufskolleg Rhein-Ruhr',
      role: 'staff',
    },
  ],
  participantIds: [],
};

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };
const NOT_SIGNED_IN = { type: problemType('signed-out'), title: 'Not signed in', status: 401 };

describe('sessionEnded (HTTP interceptor)', () => {
  let http: HttpClient;
  let testing: HttpTestingController;
  let session: Session;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withFetch(), withInterceptors([sessionEnded])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    testing = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
    const router = TestBed.inject(Router);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/mobilities?phase=preparation');
    navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    session.signIn(JONAS);
  });

  afterEach(() => testing.verify());

  /** GETs `url`, answers it with `status`, and returns the error the caller saw. */
  function call(url: string, status = 401, method: 'GET' | 'POST' = 'GET'): unknown {
    let seen: unknown = null;
    (method === 'GET' ? http.get(url) : http.post(url, {})).subscribe({ error: (error: unknown) => (seen = error) });
    testing.expectOne(url).flush(NOT_SIGNED_IN, status === 401 ? UNAUTHORIZED : { status, statusText: 'Error' });
    return seen;
  }

  it('on a 401 mid-use: forgets the person and opens the sign-in page, coming back to this page, saying why', () => {
    const error = call('/api/mobilities');
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith(['/sign-in'], {
      queryParams: { returnTo: '/mobilities?phase=preparation' },
      state: { [SESSION_ENDED]: true },
    });
    // The caller still sees the error (the page stops waiting).
    expect(error).toMatchObject({ status: 401 });
  });

  it('dismisses what the page said about its failed calls once on the sign-in page', async () => {
    const notifications = TestBed.inject(Notifications);
    call('/api/projects');
    notifications.show('error', 'Projects could not be loaded. Not signed in.');
    await Promise.resolve();
    await Promise.resolve();
    expect(notifications.items()).toEqual([]);
  });

  it('acts once when several calls find the session over', () => {
    call('/api/projects');
    call('/api/organisations');
    call('/api/auth/password', 401, 'POST');
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('ignores 401s that are answers rather than an ended session: /me, signing in, links, invitations', () => {
    for (const url of [
      SESSION_URL,
      '/api/auth/sign-in',
      '/api/auth/sign-in-link',
      '/api/auth/sign-in-link/abc',
      '/api/auth/password-reset/abc',
      '/api/invitations/abc/accept',
      '/elsewhere/api/projects',
    ]) {
      call(url, 401, url === SESSION_URL || url.startsWith('/api/invitations') ? 'GET' : 'POST');
    }
    expect(navigate).not.toHaveBeenCalled();
    expect(session.status()).toBe('signed-in');
  });

  it('reads absolute API addresses too', () => {
    call('http://localhost:3000/api/tasks/1', 401, 'POST');
    expect(navigate).toHaveBeenCalledTimes(1);
  });

  it('leaves other errors, and 401s when nobody was signed in, to the page', () => {
    call('/api/projects', 403);
    call('/api/projects', 500);
    expect(session.status()).toBe('signed-in');
    session.forget();
    call('/api/projects');
    expect(navigate).not.toHaveBeenCalled();
  });
});
