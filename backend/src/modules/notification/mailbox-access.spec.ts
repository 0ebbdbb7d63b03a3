import type { Identity } from '../../common/identity';
import { ProblemException } from '../../common/problem/problem';
import { fromThisComputer, mailboxReaderOf, type MailboxRequest } from './mailbox-access';

const PERSON: Identity = {
  userId: 'u1',
  email: 'coordinator@school.example',
  displayName: 'Coordinator',
  personIds: [],
  memberships: [{ organisationId: 'o1', role: 'coordinator' }],
};
const LOCAL: MailboxRequest = { ip: '127.0.0.1', headers: { host: 'localhost:3000' } };

function statusOf(read: () => unknown): number | 'ok' {
  try {
    read();
    return 'ok';
  } catch (error) {
    if (error instanceof ProblemException) return error.getStatus();
    throw error;
  }
}

describe('who reads the Mailbox', () => {
  it('nobody when SMTP_URL is set: 404, even on this computer and signed in', () => {
    expect(statusOf(() => mailboxReaderOf('off', PERSON, LOCAL))).toBe(404);
    expect(statusOf(() => mailboxReaderOf('off', null, LOCAL))).toBe(404);
  });

  it('the private Mailbox: a signed-in person their own mail, nobody else anything (401)', () => {
    expect(mailboxReaderOf('private', PERSON, LOCAL)).toEqual({ scope: 'mine', identity: PERSON });
    expect(statusOf(() => mailboxReaderOf('private', null, LOCAL))).toBe(401);
  });

  it('the public demo: everything to this computer, else as the private Mailbox', () => {
    expect(mailboxReaderOf('public-demo', null, LOCAL)).toEqual({ scope: 'all' });
    expect(mailboxReaderOf('public-demo', PERSON, LOCAL)).toEqual({ scope: 'all' });
    const remote = { ...LOCAL, ip: '203.0.113.5' };
    expect(statusOf(() => mailboxReaderOf('public-demo', null, remote))).toBe(401);
    expect(mailboxReaderOf('public-demo', PERSON, remote)).toEqual({ scope: 'mine', identity: PERSON });
  });

  it('a request is from this computer when its address and Host are loopback and no proxy passed it on', () => {
    expect(fromThisComputer(LOCAL)).toBe(true);
    expect(fromThisComputer({ ip: '::1', headers: { host: '[::1]:3000' } })).toBe(true);
    expect(fromThisComputer({ ip: '::ffff:127.0.0.1', headers: { host: '127.0.0.1:3000' } })).toBe(true);
    expect(fromThisComputer({ ip: '192.168.1.7', headers: { host: 'localhost:3000' } })).toBe(false);
    expect(fromThisComputer({ ip: '127.0.0.1', headers: { host: 'rebound.attacker.example:3000' } })).toBe(false);
    expect(fromThisComputer({ ip: '127.0.0.1', headers: {} })).toBe(false);
    for (const header of ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'])
      expect(fromThisComputer({ ...LOCAL, headers: { ...LOCAL.headers, [header]: '127.0.0.1' } })).toBe(false);
  });
});
