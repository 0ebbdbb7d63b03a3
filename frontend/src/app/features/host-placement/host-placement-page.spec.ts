import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { HostPlacementDto } from '@mobility-hub/api-client';
import { HostPlacementPage } from './host-placement-page';
import { buttonNamed, detectAndSettle, provideHttpTesting, textOfTestId, typeInto } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const TOKEN = 'pl_7Qx2v9LkM3nR8sT1';
const BASE = `/api/host-links/placement/${TOKEN}`;
const WAITING: HostPlacementDto = {
  link: 'valid',
  linkExpiresAt: '2027-03-15T10:00:00.000Z',
  linkUsedAt: null,
  learnerName: 'Nora Becker',
  learnerEmail: 'nora.becker@example.org',
  sendingOrganisation: 'Berufskolleg Rhein-Ruhr',
  hostOrganisation: 'Taller Mecánico Sevilla',
  activityType: 'LM-SHORT-VET',
  startDate: '2027-05-03',
  endDate: '2027-05-30',
  phase: 'preparation',
  placementConfirmed: false,
  mentorName: null,
  answer: 'waiting',
  declinedAt: null,
  schoolContactName: 'Maria Weber',
  schoolContactEmail: 'maria.weber@bk-rhein-ruhr.example',
};
const CONFIRMED: HostPlacementDto = {
  ...WAITING,
  link: 'used',
  linkUsedAt: '2027-03-02T09:12:00.000Z',
  placementConfirmed: true,
  mentorName: 'Carmen Ruiz',
};

function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}) {
  return { type: 'urn:mobility-hub:problem:x', title, status, detail, ...extra };
}

describe('HostPlacementPage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<HostPlacementPage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [HostPlacementPage],
      providers: [provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostPlacementPage);
    fixture.componentRef.setInput('token', TOKEN);
    el = fixture.nativeElement as HTMLElement;
    document.body.appendChild(el);
  });

  afterEach(() => {
    http.verify();
    el.remove();
  });

  const settle = (): Promise<void> => detectAndSettle(fixture);

  async function open(placement: HostPlacementDto = WAITING): Promise<void> {
    await settle();
    http.expectOne((r) => r.method === 'GET' && r.url === BASE).flush(placement);
    await settle();
  }

  function expectPost(action: 'confirm' | 'decline' | 'renew'): TestRequest {
    return http.expectOne((r) => r.method === 'POST' && r.url === `${BASE}/${action}`);
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  const button = (name: string): HTMLButtonElement => buttonNamed(el, name);

  function hasButton(name: string): boolean {
    return Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.trim() === name);
  }

  const type = (id: string, value: string): void => typeInto(el, id, value);

  function live(): string {
    return el.querySelector('[role="status"][aria-live="polite"]')?.textContent?.trim() ?? '';
  }

  it('only reads the placement on opening — a mail scanner following the link answers nothing', async () => {
    await open();
    http.expectNone((r) => r.method !== 'GET');

    expect(text('learner-name')).toBe('Nora Becker');
    expect(el.querySelector('[data-testid="learner-email"]')?.getAttribute('href')).toBe(
      'mailto:nora.becker@example.org',
    );
    expect(text('school')).toBe('Berufskolleg Rhein-Ruhr');
    expect(text('host-organisation')).toBe('Taller Mecánico Sevilla');
    expect(text('dates')).toBe('3 May 2027 – 30 May 2027 (28 days)');
    expect(text('placement-kind')).toBe('A work placement of a vocational learner (up to 3 months)');
    expect(el.textContent).toContain('Opening this page changes nothing');
    expect(el.textContent).toContain('until 15 Mar 2027');
    expect(hasButton('Confirm the placement')).toBe(true);
    expect(hasButton('We cannot host this learner')).toBe(true);
  });

  it('speaks of a participant, not a learner, to the host of a teacher’s job shadowing', async () => {
    await open({ ...WAITING, activityType: 'SM-JOB-SHDW' });
    const lead = el.querySelector('.page-lead')?.textContent ?? '';
    expect(lead).toContain('to host a participant');
    expect(el.querySelector('[data-testid="placement-facts"]')?.textContent).not.toMatch(/learner/i);
    expect(text('placement-kind')).toBe('Job shadowing: a teacher or trainer learns by following your staff at work');
  });

  it('labels both fields and checks them before sending, like the API does', async () => {
    await open();
    expect(el.querySelector('label[for="host-mentorName"]')?.textContent).toContain('Mentor’s name');
    expect(el.querySelector('label[for="host-mentorEmail"]')?.textContent).toContain('Mentor’s e-mail');

    type('host-mentorName', '   ');
    type('host-mentorEmail', 'carmen@taller');
    button('Confirm the placement').click();
    await settle();
    http.expectNone(`${BASE}/confirm`);

    const name = el.querySelector('#host-mentorName');
    const email = el.querySelector('#host-mentorEmail');
    expect(name?.getAttribute('aria-invalid')).toBe('true');
    expect(name?.getAttribute('aria-describedby')).toBe('host-mentorName-error');
    expect(el.querySelector('#host-mentorName-error')?.textContent).toBe('Enter the name of the mentor.');
    expect(email?.getAttribute('aria-describedby')).toBe('host-mentorEmail-error');
    expect(el.querySelector('#host-mentorEmail-error')?.textContent).toBe(
      'Enter an e-mail address such as name@company.eu.',
    );
    expect(el.querySelector('.form-alert')?.textContent).toContain('correct the 2 highlighted fields');
    expect(document.activeElement).toBe(name);
  });

  it('confirms with the mentor, then says what happens next and moves focus to the result', async () => {
    await open();
    type('host-mentorName', '  Carmen Ruiz ');
    type('host-mentorEmail', ' carmen.ruiz@taller-sevilla.es ');
    button('Confirm the placement').click();
    await settle();
    const req = expectPost('confirm');
    expect(req.request.body).toEqual({ mentorName: 'Carmen Ruiz', mentorEmail: 'carmen.ruiz@taller-sevilla.es' });
    req.flush(CONFIRMED);
    await settle();

    const result = text('host-result');
    expect(result).toContain('Thank you: the placement is confirmed');
    expect(result).toContain('Berufskolleg Rhein-Ruhr is informed');
    expect(result).toContain('Carmen Ruiz, the mentor, will receive the host’s reminders');
    expect(text('mentor-name')).toBe('Carmen Ruiz');
    expect(document.activeElement?.id).toBe('result-heading');
    expect(live()).toBe('Done: the placement of Nora Becker is confirmed.');
    expect(hasButton('Confirm the placement')).toBe(false);
  });

  it('sends one request for a double click', async () => {
    await open();
    type('host-mentorName', 'Carmen Ruiz');
    type('host-mentorEmail', 'carmen.ruiz@taller-sevilla.es');
    const confirm = button('Confirm the placement');
    confirm.click();
    confirm.click();
    await settle();
    expectPost('confirm').flush(CONFIRMED);
    await settle();
  });

  it('shows the API’s field errors (400) at their fields', async () => {
    await open();
    type('host-mentorName', 'Carmen Ruiz');
    type('host-mentorEmail', 'carmen.ruiz@taller-sevilla.es');
    button('Confirm the placement').click();
    await settle();
    expectPost('confirm').flush(
      problem(400, 'Invalid request', 'The request is not valid.', {
        errors: [{ field: 'mentorEmail', rule: 'isEmail', message: 'mentorEmail must be an e-mail address' }],
      }),
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(el.querySelector('#host-mentorEmail-error')?.textContent).toBe('mentorEmail must be an e-mail address');
    expect(el.querySelector('#host-mentorEmail')?.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('host-mentorEmail');
    expect(el.querySelector('[data-testid="action-problem"]')).toBeNull();
  });

  it('declines only after the confirmation step, with the optional reason', async () => {
    await open();
    button('We cannot host this learner').click();
    await settle();
    http.expectNone(`${BASE}/decline`);
    expect(document.activeElement?.id).toBe('host-reason');
    expect(el.querySelector('label[for="host-reason"]')?.textContent).toContain('(optional)');
    expect(el.textContent).toContain('Are you sure?');

    // Cancel goes back without sending anything.
    button('Cancel').click();
    await settle();
    http.expectNone(`${BASE}/decline`);
    expect(document.activeElement?.id).toBe('decline-open');

    button('We cannot host this learner').click();
    await settle();
    type('host-reason', ' No mentor free in May ');
    button('Yes, we cannot host').click();
    await settle();
    const req = expectPost('decline');
    expect(req.request.body).toEqual({ reason: 'No mentor free in May' });
    req.flush({ ...WAITING, link: 'used', linkUsedAt: '2027-03-02T09:12:00.000Z' });
    await settle();
    expect(text('host-result')).toContain('cannot host Nora Becker, and will look for another host');
    expect(document.activeElement?.id).toBe('result-heading');
    expect(live()).toContain('the school is told');
  });

  it('declines without a reason with an empty body', async () => {
    await open();
    button('We cannot host this learner').click();
    await settle();
    button('Yes, we cannot host').click();
    await settle();
    const req = expectPost('decline');
    expect(req.request.body).toEqual({});
    req.flush({ ...WAITING, link: 'used' });
    await settle();
  });

  it('turns a 410 on confirming into the expired-link explanation with a new link on offer', async () => {
    await open();
    type('host-mentorName', 'Carmen Ruiz');
    type('host-mentorEmail', 'carmen.ruiz@taller-sevilla.es');
    button('Confirm the placement').click();
    await settle();
    expectPost('confirm').flush(
      {
        ...problem(
          410,
          'Link no longer valid',
          'This link has expired. Ask for a new one: it is sent to the same address.',
          { renewable: true },
        ),
        type: problemType('link-expired'),
      },
      { status: 410, statusText: 'Gone' },
    );
    await settle();
    expect(text('link-state')).toContain('This link has expired');
    expect(text('link-state')).toContain('This link has expired. Ask for a new one');
    expect(document.activeElement?.id).toBe('link-heading');
    expect(hasButton('Confirm the placement')).toBe(false);
    expect(hasButton('Send me a new link')).toBe(true);
  });

  it('explains a used link (from opening) and sends a new one to the masked address', async () => {
    await open({ ...WAITING, link: 'used', linkUsedAt: '2027-03-02T09:12:00.000Z' });
    expect(text('link-state')).toContain('This link was already used');
    expect(text('link-state')).toContain('It was used on 2 Mar 2027.');
    expect(hasButton('Confirm the placement')).toBe(false);

    button('Send me a new link').click();
    await settle();
    expectPost('renew').flush({ sentTo: 'c•••t@taller-sevilla.es' });
    await settle();
    expect(text('renewed')).toContain('A new link was sent to c•••t@taller-sevilla.es.');
    expect(document.activeElement?.id).toBe('renew-result');
    expect(live()).toBe('A new link was sent to c•••t@taller-sevilla.es.');
    expect(hasButton('Send me a new link')).toBe(false);
  });

  it('says when to ask again after a 429, from Retry-After', async () => {
    await open({ ...WAITING, link: 'expired' });
    button('Send me a new link').click();
    await settle();
    expectPost('renew').flush(
      problem(429, 'Too many requests', 'A new link was sent a few minutes ago: please check your inbox.'),
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Retry-After': '600' },
      },
    );
    await settle();
    const refused = el.querySelector('[data-testid="renew-problem"]');
    expect(refused?.getAttribute('role')).toBe('alert');
    expect(text('renew-problem')).toContain('A new link was sent a few minutes ago.');
    expect(text('renew-problem')).toMatch(/You can ask again after \d\d:\d\d \(in about 10 minutes\)\./);
    expect(hasButton('Send me a new link')).toBe(true);
  });

  it('falls back to the API’s words when a 429 names no time', async () => {
    await open({ ...WAITING, link: 'expired' });
    button('Send me a new link').click();
    await settle();
    expectPost('renew').flush(problem(429, 'Too many requests', 'Please wait a little before asking again.'), {
      status: 429,
      statusText: 'Too Many Requests',
    });
    await settle();
    expect(text('renew-problem')).toContain('Please wait a little before asking again.');
  });

  it('says there is nothing to answer when renewing is refused (409)', async () => {
    await open({ ...WAITING, link: 'used' });
    button('Send me a new link').click();
    await settle();
    expectPost('renew').flush(
      problem(409, 'Nothing to answer', 'This placement no longer waits for your answer; the school will be in touch.'),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text('renew-problem')).toContain('Nothing to answer. This placement no longer waits for your answer');
    expect(hasButton('Send me a new link')).toBe(false);
  });

  it('offers no new link for a used link whose placement is confirmed', async () => {
    await open(CONFIRMED);
    expect(text('link-state')).toContain(
      'The placement is confirmed, with Carmen Ruiz as mentor: nothing more is needed.',
    );
    expect(hasButton('Send me a new link')).toBe(false);
  });

  it('hides the forms when the placement no longer waits (409 on confirming)', async () => {
    await open();
    type('host-mentorName', 'Carmen Ruiz');
    type('host-mentorEmail', 'carmen.ruiz@taller-sevilla.es');
    button('Confirm the placement').click();
    await settle();
    expectPost('confirm').flush(
      problem(409, 'Nothing to answer', 'This placement no longer waits for your answer; the school will be in touch.'),
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text('settled')).toContain('This placement no longer waits for your answer');
    expect(document.activeElement?.id).toBe('settled-heading');
    expect(hasButton('Confirm the placement')).toBe(false);
    expect(hasButton('We cannot host this learner')).toBe(false);
  });

  it('keeps the form after a server failure and says the answer was not saved', async () => {
    await open();
    type('host-mentorName', 'Carmen Ruiz');
    type('host-mentorEmail', 'carmen.ruiz@taller-sevilla.es');
    button('Confirm the placement').click();
    await settle();
    expectPost('confirm').flush(
      problem(500, 'Internal server error', 'An unexpected error occurred; it has been logged.'),
      {
        status: 500,
        statusText: 'Internal Server Error',
      },
    );
    await settle();
    expect(text('action-problem')).toContain('Your answer was not saved.');
    expect(el.querySelector('[data-testid="action-problem"]')?.getAttribute('role')).toBe('alert');
    expect(hasButton('Confirm the placement')).toBe(true);
  });

  it('says that a bad link is not valid (404) and to contact the school', async () => {
    await settle();
    http
      .expectOne(BASE)
      .flush(problem(404, 'Not found', 'Link in this e-mail does not exist'), { status: 404, statusText: 'Not Found' });
    await settle();
    const shown = el.querySelector('[data-testid="host-problem"]');
    expect(shown?.getAttribute('role')).toBe('alert');
    expect(shown?.textContent).toContain('This link is not valid.');
    expect(shown?.textContent).toContain('copy the whole address');
    expect(shown?.textContent).toContain('contact the school');
    expect(el.querySelector('button')).toBeNull();
  });

  it('offers to try again after another failure', async () => {
    await settle();
    http.expectOne(BASE).flush(problem(500, 'Server error', 'Database unavailable'), {
      status: 500,
      statusText: 'Internal Server Error',
    });
    await settle();
    expect(text('host-problem')).toContain('Database unavailable');
    button('Try again').click();
    await settle();
    http.expectOne(BASE).flush(WAITING);
    await settle();
    expect(text('learner-name')).toBe('Nora Becker');
  });

  it('names whom at the school to contact', async () => {
    await open();
    expect(text('school-contact')).toBe('Maria Weber: maria.weber@bk-rhein-ruhr.example');
    expect(el.querySelector('[data-testid="school-contact"] a')?.getAttribute('href')).toBe(
      'mailto:maria.weber@bk-rhein-ruhr.example',
    );
  });

  it('after a decline, explains it and whom to contact instead of offering a new link', async () => {
    await open({
      ...WAITING,
      link: 'used',
      linkUsedAt: '2027-03-02T09:12:00.000Z',
      answer: 'declined',
      declinedAt: '2027-03-02T09:12:00.000Z',
      learnerEmail: '',
    });
    expect(text('declined-explained')).toBe(
      'Your organisation declined this placement on 2 Mar 2027. Berufskolleg Rhein-Ruhr is looking for another host, so there is nothing left to answer and no new link. If you can host after all, or have a question, contact Maria Weber at Berufskolleg Rhein-Ruhr (maria.weber@bk-rhein-ruhr.example).',
    );
    expect(hasButton('Send me a new link')).toBe(false);
    expect(el.textContent).not.toContain('Nothing to answer');
    expect(el.textContent).not.toContain('ask for a new link');
  });

  it('a refused renewal after a decline says so, not “nothing to answer”', async () => {
    await open({ ...WAITING, link: 'expired' });
    button('Send me a new link').click();
    await settle();
    expectPost('renew').flush(
      {
        type: problemType('placement-declined'),
        title: 'You declined this placement',
        status: 409,
        detail: 'Your organisation declined this placement on 2027-03-02. Contact Maria Weber.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(text('renew-problem')).toBe(
      'You declined this placement. Your organisation declined this placement on 2027-03-02. Contact Maria Weber.',
    );
    expect(hasButton('Send me a new link')).toBe(false);
  });
});
