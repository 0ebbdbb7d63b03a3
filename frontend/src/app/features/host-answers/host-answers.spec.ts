import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { HostAnswerDto } from '@mobility-hub/api-client';
import { detectAndSettle, provideHttpTesting, textOfTestId } from '@testing/spec-helpers';
import { HostAnswerNotice } from './host-answer-notice';
import { answerDay, answerDetail, answerHeadline, answerLine } from './host-answer-text';
import { HostDeclineFlag } from './host-decline-flag';
import { RecentHostAnswers } from './recent-host-answers';

const DECLINED: HostAnswerDto = {
  mobilityId: 'm1',
  projectId: 'p1',
  answer: 'declined',
  hostName: 'Talleres Castilla',
  answeredBy: 'practicas@talleres-castilla.example',
  answeredAt: '2026-12-03T10:15:00.000Z',
  reason: 'No mentor free in May',
  mentorName: null,
  participant: 'Nora Becker',
  current: true,
};
const CONFIRMED: HostAnswerDto = {
  ...DECLINED,
  mobilityId: 'm2',
  answer: 'confirmed',
  reason: null,
  mentorName: 'Carmen Ruiz',
  participant: 'Jonas Weber',
  answeredAt: '2026-12-02T08:00:00.000Z',
};
const NOW = new Date('2026-12-04T12:00:00.000Z');

describe('host answer wording', () => {
  it('says who answered what on which day, with the year only when it is another one', () => {
    expect(answerHeadline(DECLINED, NOW)).toBe('Declined by Talleres Castilla on 3 Dec');
    expect(answerHeadline(CONFIRMED, NOW)).toBe('Confirmed by Talleres Castilla on 2 Dec');
    expect(answerDay('2025-12-03T10:15:00.000Z', NOW)).toBe('3 Dec 2025');
    expect(answerDetail(DECLINED)).toBe('reason “No mentor free in May”');
    expect(answerLine(DECLINED, NOW)).toBe('Declined by Talleres Castilla on 3 Dec: reason “No mentor free in May”');
    expect(answerDetail({ ...DECLINED, reason: null })).toBe('no reason given');
    expect(answerDetail(CONFIRMED)).toBe('mentor Carmen Ruiz');
  });
});

describe('host answer components', () => {
  let http: HttpTestingController;
  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpTesting(), provideRouter([])] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('the file’s notice shows a decline with its reason and the next step, and reads again when the mobility changes', async () => {
    const fixture = TestBed.createComponent(HostAnswerNotice);
    fixture.componentRef.setInput('mobilityId', 'm1');
    fixture.componentRef.setInput('version', 4);
    await detectAndSettle(fixture);
    http.expectOne('/api/host-answers/notices?mobilityId=m1').flush([DECLINED]);
    await detectAndSettle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent?.trim()).toMatch(/^Declined by Talleres Castilla on 3 Dec/);
    expect(textOfTestId(el, 'host-answer-notice')).toContain('Reason: “No mentor free in May”');
    expect(textOfTestId(el, 'host-answer-notice')).toContain('Next step: choose another host');
    expect(el.querySelector('button')?.textContent?.trim()).toBe('Choose another host');

    // Another host chosen: the notice is read again, and is gone.
    fixture.componentRef.setInput('version', 5);
    await detectAndSettle(fixture);
    http.expectOne('/api/host-answers/notices?mobilityId=m1').flush([]);
    await detectAndSettle(fixture);
    expect(el.querySelector('[data-testid="host-answer-notice"]')).toBeNull();
  });

  it('the board card’s flag says the host declined, the reason in its title', async () => {
    const fixture = TestBed.createComponent(HostDeclineFlag);
    fixture.componentRef.setInput('answer', DECLINED);
    await detectAndSettle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toMatch(
      /^! Host declined on 3 Dec(?: 2026)?: Talleres Castilla\. Choose another host\.$/,
    );
    expect(el.getAttribute('title')).toMatch(
      /^Declined by Talleres Castilla on 3 Dec(?: 2026)?: reason “No mentor free in May”\. Choose another host\.$/,
    );
  });

  it('the home page lists the answers since the last visit and marks them seen up to the newest', async () => {
    const fixture = TestBed.createComponent(RecentHostAnswers);
    await detectAndSettle(fixture);
    http
      .expectOne('/api/host-answers/recent')
      .flush({ since: '2026-11-04T12:00:00.000Z', answers: [DECLINED, { ...CONFIRMED }] });
    await detectAndSettle(fixture);
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('h2')?.textContent).toBe('Host answers since your last visit');
    const items = Array.from(el.querySelectorAll('[data-testid="recent-host-answer"]')).map((li) =>
      li.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(items[0]).toMatch(
      /^Nora Becker: Declined by Talleres Castilla on 3 Dec(?: 2026)?: reason “No mentor free in May”\. Next step: choose another host$/,
    );
    expect(items[1]).toMatch(/^Jonas Weber: Confirmed by Talleres Castilla on 2 Dec(?: 2026)?: mentor Carmen Ruiz$/);
    expect(el.querySelector('a')?.getAttribute('href')).toBe('/mobilities/m1');

    (el.querySelector('button') as HTMLButtonElement).click();
    await detectAndSettle(fixture);
    const seen = http.expectOne((r) => r.method === 'PUT' && r.url === '/api/host-answers/seen');
    expect(seen.request.body).toEqual({ upTo: DECLINED.answeredAt });
    seen.flush(null, { status: 204, statusText: 'No Content' });
    await detectAndSettle(fixture);
    expect(el.querySelector('[data-testid="recent-host-answers"]')).toBeNull();
  });

  it('shows nothing when there is no new answer', async () => {
    const fixture = TestBed.createComponent(RecentHostAnswers);
    await detectAndSettle(fixture);
    http.expectOne('/api/host-answers/recent').flush({ since: '2026-11-04T12:00:00.000Z', answers: [] });
    await detectAndSettle(fixture);
    expect((fixture.nativeElement as HTMLElement).textContent?.trim()).toBe('');
  });
});
