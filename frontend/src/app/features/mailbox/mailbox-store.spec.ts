import { HttpTestingController, type TestRequest } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CaughtMailSummaryDto } from '@mobility-hub/api-client';
import { MAILBOX_PAGE_SIZE, MailboxStore } from './mailbox-store';
import { provideHttpTesting } from '@testing/spec-helpers';
import { problemType } from '@mobility-hub/domain';

function mail(n: number): CaughtMailSummaryDto {
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    receivedAt: new Date(Date.UTC(2026, 10, 28, 9, 0, n)).toISOString(),
    from: 'no-reply@mobility-hub.localhost',
    to: [`learner${n}@school.example`],
    subject: `Reminder ${n}`,
  };
}

/** Messages n..m, newest (highest) first. */
function range(from: number, to: number): CaughtMailSummaryDto[] {
  const list: CaughtMailSummaryDto[] = [];
  for (let n = to; n >= from; n--) list.push(mail(n));
  return list;
}

describe('MailboxStore', () => {
  let http: HttpTestingController;
  let store: MailboxStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [MailboxStore, provideHttpTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(MailboxStore);
  });

  afterEach(() => http.verify());

  const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function answer(reply: (req: TestRequest) => void): Promise<TestRequest> {
    await tick();
    const req = http.expectOne((r) => r.method === 'GET' && r.url === '/api/mailbox');
    reply(req);
    await tick();
    return req;
  }

  it('reads the first page, newest first, and tells whether there is more', async () => {
    const done = store.search('');
    const req = await answer((r) => r.flush({ items: range(16, 40), total: 40, page: 1, pageSize: 25, scope: 'all' }));
    await done;
    expect(req.request.params.get('page')).toBe('1');
    expect(req.request.params.get('pageSize')).toBe(String(MAILBOX_PAGE_SIZE));
    expect(req.request.params.has('q')).toBe(false);
    expect(store.items()[0].subject).toBe('Reminder 40');
    expect(store.total()).toBe(40);
    expect(store.hasMore()).toBe(true);
    expect(store.loaded()).toBe(true);
  });

  it('appends the next page without repeating messages that moved down meanwhile', async () => {
    const first = store.search('');
    await answer((r) => r.flush({ items: range(16, 40), total: 40, page: 1, pageSize: 25, scope: 'all' }));
    await first;

    const more = store.loadMore();
    // Two new messages arrived: page 2 now starts two further down and repeats 16 and 17.
    const req = await answer((r) => r.flush({ items: range(1, 17), total: 42, page: 2, pageSize: 25, scope: 'all' }));
    await more;
    expect(req.request.params.get('page')).toBe('2');
    expect(store.items()).toHaveLength(40);
    expect(new Set(store.items().map((m) => m.id)).size).toBe(40);
    expect(store.total()).toBe(42);
  });

  it('puts new messages on top on refresh and says how many arrived', async () => {
    const first = store.search('');
    await answer((r) => r.flush({ items: range(1, 3), total: 3, page: 1, pageSize: 25, scope: 'all' }));
    await first;

    const refresh = store.refresh();
    await answer((r) => r.flush({ items: range(1, 5), total: 5, page: 1, pageSize: 25, scope: 'all' }));
    expect(await refresh).toBe(2);
    expect(store.items().map((m) => m.subject)).toEqual([
      'Reminder 5',
      'Reminder 4',
      'Reminder 3',
      'Reminder 2',
      'Reminder 1',
    ]);

    const again = store.refresh();
    await answer((r) => r.flush({ items: range(1, 5), total: 5, page: 1, pageSize: 25, scope: 'all' }));
    expect(await again).toBe(0);
  });

  it('starts again from the first page when a whole page of news arrived', async () => {
    const first = store.search('');
    await answer((r) => r.flush({ items: range(1, 3), total: 3, page: 1, pageSize: 25, scope: 'all' }));
    await first;

    const refresh = store.refresh();
    await answer((r) => r.flush({ items: range(29, 53), total: 53, page: 1, pageSize: 25, scope: 'all' }));
    expect(await refresh).toBe(25);
    expect(store.items()).toHaveLength(25);
    expect(store.items().at(-1)?.subject).toBe('Reminder 29');
  });

  it('searches with q and drops the answer to an older search', async () => {
    const older = store.search('lena');
    const newer = store.search('paul');
    await tick();
    const [lena, paul] = http.match((r) => r.url === '/api/mailbox');
    expect(lena.request.params.get('q')).toBe('lena');
    expect(paul.request.params.get('q')).toBe('paul');
    paul.flush({ items: [mail(2)], total: 1, page: 1, pageSize: 25, scope: 'all' });
    lena.flush({ items: [mail(1)], total: 1, page: 1, pageSize: 25, scope: 'all' });
    await Promise.all([older, newer]);
    expect(store.query()).toBe('paul');
    expect(store.items().map((m) => m.subject)).toEqual(['Reminder 2']);
  });

  it('knows there is no Mailbox when the list answers 404 (real SMTP configured)', async () => {
    const done = store.search('');
    await answer((r) =>
      r.flush(
        {
          type: problemType('not-found'),
          title: 'Not found',
          status: 404,
          detail: 'Mailbox embedded does not exist',
        },
        { status: 404, statusText: 'Not Found' },
      ),
    );
    await done;
    expect(store.unavailable()).toBe(true);
    expect(store.loaded()).toBe(false);
  });

  it('keeps the scope the API names: every message (the public demo) or the signed-in person’s own', async () => {
    expect(store.scope()).toBeNull();
    const first = store.search('');
    await answer((r) => r.flush({ items: range(1, 2), total: 2, page: 1, pageSize: 25, scope: 'mine' }));
    await first;
    expect(store.scope()).toBe('mine');
    expect(store.signInNeeded()).toBe(false);
  });

  it('knows the private Mailbox needs someone signed in when the list answers 401', async () => {
    const done = store.search('');
    await answer((r) =>
      r.flush(
        {
          type: problemType('signed-out'),
          title: 'Not signed in',
          status: 401,
          detail: 'The Mailbox shows each person the e-mail addressed to them: sign in to read yours.',
        },
        { status: 401, statusText: 'Unauthorized' },
      ),
    );
    await done;
    expect(store.signInNeeded()).toBe(true);
    expect(store.unavailable()).toBe(false);
    expect(store.loaded()).toBe(false);
  });

  it('opens a message, and forgets it when closed', async () => {
    store.open('m1');
    TestBed.tick();
    await tick();
    http.expectOne('/api/mailbox/m1').flush({
      id: 'm1',
      subject: 'Due today',
      from: 'a@b.example',
      to: ['c@d.example'],
      receivedAt: '2026-11-28T09:00:00Z',
      html: '<p>Hi</p>',
      text: 'Hi',
      headers: {},
      messageId: null,
    });
    await tick();
    expect(store.message()?.subject).toBe('Due today');
    expect(store.messageLoading()).toBe(false);

    store.open(null);
    TestBed.tick();
    expect(store.message()).toBeNull();
    expect(store.openId()).toBeNull();
  });
});
