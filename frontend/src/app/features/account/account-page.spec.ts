import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { provideApiConfiguration, type MeDto } from '@mobility-hub/api-client';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';
import { AccountPage } from './account-page';
import { provideHttpTesting, detectAndSettle } from '@testing/spec-helpers';

const EVERYWHERE_URL = '/api/auth/sign-out-everywhere';

const KATRIN: MeDto = {
  id: '0b6f7d1e-58c5-4c09-9a43-2f1f5d0f6a11',
  email: 'coordinator@bk-rhein-ruhr.example',
  displayName: 'Katrin Weber',
  memberships: [
    {
      organisationId: '5d1c7c0e-8a55-4f3e-a0a8-3f3c6a2c9b10',
      organisationName: 'Berufskolleg Rhein-Ruhr',
      role: 'coordinator',
    },
    {
      organisationId: '6e2d8d1f-9b66-4a4f-b1b9-4a4d7b3dac21',
      organisationName: 'Berufskolleg Essen-Nord',
      role: 'staff',
    },
  ],
  participantIds: [],
};
const LENA: MeDto = {
  id: '3e9bab4b-8bf8-4f3c-ad76-5c4c8a3c9d44',
  email: 'lena.schmidt@students.bk-rhein-ruhr.example',
  displayName: 'Lena Schmidt',
  memberships: [],
  participantIds: ['7f3e9e2a-ac77-4b5a-82ca-5b5e8c4ebd32'],
};
const NOBODY_ANY_MORE: MeDto = { ...KATRIN, memberships: [] };

describe('AccountPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<AccountPage>;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AccountPage],
      providers: [provideRouter([]), provideHttpTesting(), provideApiConfiguration('')],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => {
    http.verify();
    el?.remove();
  });

  async function open(user: MeDto): Promise<void> {
    TestBed.inject(Session).signIn(user);
    fixture = TestBed.createComponent(AccountPage);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
    await settle();
  }

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function facts(): string[][] {
    const dl = el.querySelector('[data-testid="who"]');
    return Array.from(dl?.querySelectorAll('dt') ?? []).map((dt) => [
      dt.textContent?.trim() ?? '',
      dt.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    ]);
  }

  function button(name: string): HTMLButtonElement | undefined {
    return Array.from(el.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
  }

  function headings(): string[] {
    return Array.from(el.querySelectorAll('h1, h2')).map((h) => h.textContent?.trim() ?? '');
  }

  it('says who is signed in: name, address, each organisation with the role; then the password and signing out everywhere', async () => {
    await open(KATRIN);
    expect(headings()).toEqual(['Your account', 'Who you are', 'Change password', 'Sign out everywhere']);
    expect(facts()).toEqual([
      ['Name', 'Katrin Weber'],
      ['E-mail address', 'coordinator@bk-rhein-ruhr.example'],
      ['Roles', expect.any(String)],
    ]);
    expect(
      Array.from(el.querySelectorAll('[data-testid="memberships"] li')).map((li) => li.textContent?.trim()),
    ).toEqual(['Coordinator at Berufskolleg Rhein-Ruhr', 'Staff at Berufskolleg Essen-Nord']);
    expect(el.querySelector('app-change-password-form #password-form')).not.toBeNull();
    expect(el.querySelector('[data-testid="learner-password-note"]')).toBeNull();
    http.expectNone(() => true);
  });

  it('shows a learner as one, with the change-password form and the note about e-mailed links', async () => {
    await open(LENA);
    expect(facts()[2]).toEqual(['Roles', 'Learner on a mobility (My mobility)']);
    expect(el.querySelector('[data-testid="learner"] a')?.getAttribute('href')).toBe('/me');
    expect(el.querySelector('#password-form')).not.toBeNull();
    expect(el.querySelector('[data-testid="learner-password-note"]')).not.toBeNull();
  });

  it('counts the mobilities of a learner whom several schools sent', async () => {
    await open({ ...LENA, participantIds: [...LENA.participantIds, '0b7c1e5d-2f4a-4c3b-9e8d-7a6b5c4d3e2f'] });
    expect(facts()[2]).toEqual(['Roles', 'Learner on 2 mobilities (My mobility)']);
  });

  it('says when the account has no role left', async () => {
    await open(NOBODY_ANY_MORE);
    expect(el.querySelector('[data-testid="no-role"]')?.textContent).toContain('belongs to no organisation');
    expect(el.querySelector('[data-testid="memberships"]')).toBeNull();
  });

  it('signs out everywhere after a confirmation: the session forgets the person, to the sign-in page', async () => {
    await open(KATRIN);
    button('Sign out everywhere')?.click();
    await settle();
    http.expectNone(EVERYWHERE_URL);
    const confirm = el.querySelector('#everywhere-confirm');
    expect(confirm?.getAttribute('role')).toBe('group');
    expect(confirm?.textContent).toContain('Sign out on every device, this one included?');
    expect(document.activeElement).toBe(confirm);
    expect(button('Sign out everywhere')).toBeUndefined();

    button('Yes, sign out everywhere')?.click();
    button('Yes, sign out everywhere')?.click(); // a double click sends once
    await settle();
    const req = http.expectOne(EVERYWHERE_URL);
    expect(req.request.method).toBe('POST');
    req.flush('', { status: 204, statusText: 'No Content' });
    await settle();

    const session = TestBed.inject(Session);
    expect(session.status()).toBe('signed-out');
    expect(session.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith('/sign-in');
    expect(
      TestBed.inject(Notifications)
        .items()
        .map((n) => n.text),
    ).toEqual(['You are signed out everywhere, on every device.']);
  });

  it('cancels the confirmation, back to the button', async () => {
    await open(KATRIN);
    button('Sign out everywhere')?.click();
    await settle();
    button('Cancel')?.click();
    await settle();
    expect(el.querySelector('#everywhere-confirm')).toBeNull();
    expect(document.activeElement).toBe(button('Sign out everywhere'));
    http.expectNone(EVERYWHERE_URL);
  });

  it('stays signed in and says so when signing out everywhere fails', async () => {
    await open(KATRIN);
    button('Sign out everywhere')?.click();
    await settle();
    button('Yes, sign out everywhere')?.click();
    await settle();
    http.expectOne(EVERYWHERE_URL).error(new ProgressEvent('error'));
    await settle();

    expect(TestBed.inject(Session).status()).toBe('signed-in');
    expect(navigate).not.toHaveBeenCalled();
    const problem = el.querySelector('[data-testid="everywhere-problem"]');
    expect(problem?.textContent).toContain('You are still signed in.');
    expect(problem?.getAttribute('role')).toBe('alert');
    expect(document.activeElement).toBe(problem);
    expect(button('Sign out everywhere')).toBeDefined();
  });
});
