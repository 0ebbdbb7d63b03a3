import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MuteDto } from '@mobility-hub/api-client';
import { MutePage } from './mute-page';
import { buttonNamed, detectAndSettle, provideHttpTesting, textOfTestId } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

const TOKEN = 'eyJyIjoiZXJhc211c0BiayJ9.sig';
const ADVICE: MuteDto = {
  recipient: 'e•••••s@bk-rhein-ruhr.example',
  kind: 'task-advice',
  muted: false,
  mutable: true,
};

describe('MutePage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<MutePage>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [MutePage],
      providers: [provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MutePage);
    fixture.componentRef.setInput('token', TOKEN);
    el = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => http.verify());

  const settle = (): Promise<void> => detectAndSettle(fixture);

  function expectMute(method: string): TestRequest {
    return http.expectOne((r) => r.method === method && r.url === `/api/mutes/${TOKEN}`);
  }

  const text = (testId: string): string => textOfTestId(el, testId);

  const button = (name: string): HTMLButtonElement => buttonNamed(el, name);

  it('only reads the state on opening — a mail scanner following the link mutes nothing', async () => {
    await settle();
    expectMute('GET').flush(ADVICE);
    await settle();
    http.expectNone((r) => r.method !== 'GET');

    expect(text('mute-recipient')).toBe('e•••••s@bk-rhein-ruhr.example');
    expect(text('mute-kind')).toBe('suggestions for optional checklist tasks');
    expect(text('mute-state')).toBe('These e-mails are sent to this address.');
    expect(el.textContent).toContain('Opening this page changes nothing.');
  });

  it('mutes with PUT on the button, then unmutes with DELETE', async () => {
    await settle();
    expectMute('GET').flush(ADVICE);
    await settle();

    button('Stop these e-mails').click();
    await settle();
    expectMute('PUT').flush({ ...ADVICE, muted: true });
    await settle();
    expect(text('mute-state')).toBe('Muted: these e-mails are no longer sent to this address.');
    expect(el.querySelector('[role="status"][aria-live="polite"]')?.textContent).toContain(
      'Done: you will no longer receive suggestions for optional checklist tasks.',
    );

    button('Receive these e-mails again').click();
    await settle();
    expectMute('DELETE').flush(ADVICE);
    await settle();
    expect(text('mute-state')).toBe('These e-mails are sent to this address.');
    expect(el.querySelector('[role="status"][aria-live="polite"]')?.textContent).toContain(
      'you will receive suggestions',
    );
  });

  it('sends one request for a double click', async () => {
    await settle();
    expectMute('GET').flush(ADVICE);
    await settle();
    const stop = button('Stop these e-mails');
    stop.click();
    stop.click();
    await settle();
    expectMute('PUT').flush({ ...ADVICE, muted: true });
    await settle();
  });

  it('explains a refusal (409): this kind carries a programme deadline', async () => {
    await settle();
    expectMute('GET').flush(ADVICE);
    await settle();
    button('Stop these e-mails').click();
    await settle();
    expectMute('PUT').flush(
      {
        type: problemType('not-mutable'),
        title: 'These e-mails cannot be muted',
        status: 409,
        detail: 'This kind of e-mail carries a deadline of the programme and keeps coming until the task is done.',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    const refused = el.querySelector('[data-testid="mute-refused"]');
    expect(refused?.getAttribute('role')).toBe('alert');
    expect(refused?.textContent).toContain('These e-mails cannot be muted');
    expect(refused?.textContent).toContain('keeps coming until the task is done');
    expect(el.querySelector('[data-testid="not-mutable"]')).not.toBeNull();
    expect(Array.from(el.querySelectorAll('button')).some((b) => b.textContent?.includes('Stop these e-mails'))).toBe(
      false,
    );
  });

  it('offers no button for deadline reminders and says why', async () => {
    await settle();
    expectMute('GET').flush({ ...ADVICE, kind: 'task-reminder' });
    await settle();
    expect(text('mute-kind')).toBe('reminders of checklist deadlines');
    expect(el.querySelector('button')).toBeNull();
    expect(text('not-mutable')).toContain('they carry a deadline of the Erasmus+ programme');
  });

  it('says that a bad link is not valid (404) and changes nothing', async () => {
    await settle();
    expectMute('GET').flush(
      {
        type: problemType('not-found'),
        title: 'Not found',
        status: 404,
        detail: 'Mute link eyJ does not exist',
      },
      { status: 404, statusText: 'Not Found' },
    );
    await settle();
    const problem = el.querySelector('[data-testid="mute-problem"]');
    expect(problem?.getAttribute('role')).toBe('alert');
    expect(problem?.textContent).toContain('This link is not valid.');
    expect(problem?.textContent).toContain('Nothing has been changed.');
    expect(el.querySelector('button')).toBeNull();
  });

  it('offers to try again after another failure', async () => {
    await settle();
    expectMute('GET').flush(
      { title: 'Server error', status: 500, detail: 'Database unavailable' },
      { status: 500, statusText: 'Internal Server Error' },
    );
    await settle();
    expect(text('mute-problem')).toContain('Database unavailable');
    button('Try again').click();
    await settle();
    expectMute('GET').flush(ADVICE);
    await settle();
    expect(text('mute-state')).toBe('These e-mails are sent to this address.');
  });
});
