import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MeDto } from '@mobility-hub/api-client';
import { SESSION_URL, Session, SIGN_OUT_URL } from './session';
import { provideHttpTesting } from '@testing/spec-helpers';

const LENA: MeDto = {
  id: '7a0c8f3e-3b7e-4d57-9f0e-1c2d3e4f5a6b',
  email: 'lena.hoffmann@students.bk-rhein-ruhr.example',
  displayName: 'Lena Hoffmann',
  memberships: [],
  participantIds: ['1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9'],
};

describe('Session', () => {
  let http: HttpTestingController;
  let session: Session;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpTesting()] });
    http = TestBed.inject(HttpTestingController);
    session = TestBed.inject(Session);
  });

  afterEach(() => http.verify());

  it('is loading until GET /api/auth/session answers, then signed in with the user', async () => {
    expect(session.status()).toBe('loading');
    const loading = session.load();
    const req = http.expectOne(SESSION_URL);
    expect(req.request.method).toBe('GET');
    req.flush({ signedIn: true, user: LENA });
    await expect(loading).resolves.toEqual(LENA);
    expect(session.status()).toBe('signed-in');
    expect(session.user()?.displayName).toBe('Lena Hoffmann');
  });

  it('asks once: later loads share the answer', async () => {
    const first = session.load();
    const second = session.load();
    http.expectOne(SESSION_URL).flush({ signedIn: true, user: LENA });
    expect(await first).toBe(await second);
    await session.load();
    http.expectNone(SESSION_URL);
  });

  it('reads "not signed in" (200, signedIn false) as simply signed out', async () => {
    const loading = session.load();
    http.expectOne(SESSION_URL).flush({ signedIn: false, user: null });
    await expect(loading).resolves.toBeNull();
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
  });

  it('reads a 401 as simply signed out', async () => {
    const loading = session.load();
    http
      .expectOne(SESSION_URL)
      .flush({ title: 'Not signed in', status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await expect(loading).resolves.toBeNull();
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
  });

  it('is unknown when the API cannot answer, and asks again on the next load', async () => {
    const loading = session.load();
    http.expectOne(SESSION_URL).error(new ProgressEvent('error'));
    await expect(loading).resolves.toBeNull();
    expect(session.status()).toBe('unknown');

    const again = session.load();
    http.expectOne(SESSION_URL).flush({ signedIn: true, user: LENA });
    await expect(again).resolves.toEqual(LENA);
    expect(session.status()).toBe('signed-in');
  });

  it('takes the user a sign-in page signed in, without asking the API', async () => {
    session.signIn(LENA);
    expect(session.status()).toBe('signed-in');
    await expect(session.load()).resolves.toEqual(LENA);
    http.expectNone(SESSION_URL);
  });

  it('refreshes on request (after a password reset ended every session)', async () => {
    session.signIn(LENA);
    const refreshed = session.refresh();
    http.expectOne(SESSION_URL).flush({ status: 401 }, { status: 401, statusText: 'Unauthorized' });
    await refreshed;
    expect(session.status()).toBe('signed-out');
  });

  it('signs out with POST /api/auth/sign-out (204)', async () => {
    session.signIn(LENA);
    const out = session.signOut();
    const req = http.expectOne(SIGN_OUT_URL);
    expect(req.request.method).toBe('POST');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await out;
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
    await expect(session.load()).resolves.toBeNull();
    http.expectNone(SESSION_URL);
  });

  it('stays signed in when signing out fails', async () => {
    session.signIn(LENA);
    const out = session.signOut();
    http.expectOne(SIGN_OUT_URL).error(new ProgressEvent('error'));
    await expect(out).rejects.toBeDefined();
    expect(session.status()).toBe('signed-in');
  });
});
