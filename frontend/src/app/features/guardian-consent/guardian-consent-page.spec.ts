import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { GuardianConsentViewDto } from '@mobility-hub/api-client';
import { problemType } from '@mobility-hub/domain';
import { buttonNamed, detectAndSettle, provideHttpTesting, textOfTestId, typeInto } from '@testing/spec-helpers';
import { GuardianConsentPage } from './guardian-consent-page';

const TOKEN = 'gd_7Qx2v9LkM3nR8sT1';
const BASE = `/api/guardian-links/${TOKEN}`;
const PENDING: GuardianConsentViewDto = {
  link: 'valid',
  linkExpiresAt: '2027-03-15T10:00:00.000Z',
  linkUsedAt: null,
  consent: 'pending',
  closed: false,
  guardianName: 'Petra Becker',
  participantName: 'Nora Becker',
  school: 'Berufskolleg Rhein-Ruhr',
  schoolEmail: 'erasmus@bk.example',
  hostOrganisation: 'Hotel Cork',
  hostCity: 'Cork',
  hostCountry: 'IE',
  activityType: 'LM-SHORT-VET',
  activity: 'Short-term learning mobility of VET learners',
  startDate: '2027-05-03',
  endDate: '2027-05-28',
  travelDays: 1,
  answeredAt: null,
};

describe('GuardianConsentPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<GuardianConsentPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ imports: [GuardianConsentPage], providers: [provideHttpTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(GuardianConsentPage);
    fixture.componentRef.setInput('token', TOKEN);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });
  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = () => detectAndSettle(fixture);
  async function open(view: GuardianConsentViewDto = PENDING): Promise<void> {
    await settle();
    http.expectOne((r) => r.method === 'GET' && r.url === BASE).flush(view);
    await settle();
  }

  it('shows what the guardian consents to, and sends nothing on opening', async () => {
    await open();
    expect(textOfTestId(el, 'participant-name')).toBe('Nora Becker');
    expect(textOfTestId(el, 'school')).toBe('Berufskolleg Rhein-Ruhr');
    expect(textOfTestId(el, 'place')).toBe('Hotel Cork, Cork, IE');
    expect(textOfTestId(el, 'dates')).toContain('plus 1 travel day');
    http.expectNone((r) => r.method === 'POST');
  });

  it('requires the typed name, then records the consent', async () => {
    await open();
    buttonNamed(el, 'I consent to this stay').click();
    await settle();
    expect(el.querySelector('#guardian-name-error')?.textContent).toBe('Type your full name.');
    http.expectNone((r) => r.method === 'POST');

    typeInto(el, 'guardian-name', '  Petra Becker ');
    buttonNamed(el, 'I consent to this stay').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `${BASE}/consent`);
    expect(post.request.body).toEqual({ name: 'Petra Becker' });
    post.flush({ ...PENDING, link: 'used', consent: 'given', answeredAt: '2027-03-02T09:00:00.000Z' });
    await settle();
    expect(textOfTestId(el, 'guardian-result')).toContain('Thank you: your consent is recorded');
  });

  it('“I do not consent” sends the name and the reason', async () => {
    await open();
    typeInto(el, 'guardian-name', 'Petra Becker');
    typeInto(el, 'guardian-reason', 'Too far away');
    buttonNamed(el, 'I do not consent').click();
    await settle();
    const post = http.expectOne((r) => r.method === 'POST' && r.url === `${BASE}/refuse`);
    expect(post.request.body).toEqual({ name: 'Petra Becker', reason: 'Too far away' });
    post.flush({ ...PENDING, link: 'used', consent: 'refused' });
    await settle();
    expect(textOfTestId(el, 'guardian-result')).toContain('Your answer is recorded');
  });

  it('a used link says so and offers no answer', async () => {
    await open({ ...PENDING, link: 'used', consent: 'given' });
    expect(textOfTestId(el, 'link-state')).toContain('Your consent is recorded');
    expect(el.querySelector('#guardian-name')).toBeNull();
  });

  it('a link used meanwhile (410) turns into the used state', async () => {
    await open();
    typeInto(el, 'guardian-name', 'Petra Becker');
    buttonNamed(el, 'I consent to this stay').click();
    await settle();
    http
      .expectOne((r) => r.method === 'POST')
      .flush(
        { type: problemType('link-used'), title: 'Gone', status: 410, detail: 'This link was already used.' },
        { status: 410, statusText: 'Gone' },
      );
    await settle();
    expect(textOfTestId(el, 'link-state')).toContain('This link was already used.');
  });
});
