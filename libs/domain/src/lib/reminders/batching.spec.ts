import { planReminderMails } from './batching';

describe('reminder mails per recipient', () => {
  const due = (
    recipient: string,
    mailKind: 'task-reminder' | 'task-advice' | 'participant-report-request',
    item: string,
  ) => ({
    recipient,
    mailKind,
    item,
  });

  it('puts every due task reminder of one recipient in one mail', () => {
    const items = Array.from({ length: 10 }, (_, i) =>
      due('lea@example.org', i % 2 ? 'task-advice' : 'task-reminder', `t${i}`),
    );
    const plan = planReminderMails(items, () => 0, 1);
    expect(plan.batches).toEqual([{ recipient: 'lea@example.org', items: items.map((i) => i.item) }]);
    expect(plan.alone).toEqual([]);
    expect(plan.deferred).toEqual([]);
  });

  it('makes one mail per recipient', () => {
    const plan = planReminderMails(
      [due('a@x.org', 'task-reminder', '1'), due('b@x.org', 'task-reminder', '2'), due('a@x.org', 'task-advice', '3')],
      () => 0,
      1,
    );
    expect(plan.batches).toEqual([
      { recipient: 'a@x.org', items: ['1', '3'] },
      { recipient: 'b@x.org', items: ['2'] },
    ]);
  });

  it('defers to tomorrow what comes after the day’s reminder mail (the limit is configurable)', () => {
    const items = [due('a@x.org', 'task-reminder', '1'), due('b@x.org', 'task-reminder', '2')];
    const sent = (r: string) => (r === 'a@x.org' ? 1 : 0);
    expect(planReminderMails(items, sent, 1)).toEqual({
      alone: [],
      batches: [{ recipient: 'b@x.org', items: ['2'] }],
      deferred: ['1'],
    });
    expect(planReminderMails(items, sent, 2).deferred).toEqual([]);
  });

  it('lets programme deadlines with their own link go alone, even after the day’s mail', () => {
    const plan = planReminderMails(
      [due('a@x.org', 'participant-report-request', 'report'), due('a@x.org', 'task-reminder', '1')],
      () => 1,
      1,
    );
    expect(plan.alone).toEqual(['report']);
    expect(plan.deferred).toEqual(['1']);
  });
});
