import { loadConfig } from '../config/app-config';
import { isPermanentSmtpError } from '../infrastructure/mail/mail-transport';
import { defaultJobOptions, sendJobId } from './queue-registry';

describe('queue registry', () => {
  it('makes a job id per outbox row and delivery, without the colon BullMQ reserves', () => {
    const id = sendJobId('0b5f9a6e-0000-4000-8000-000000000001', 2);
    expect(id).toBe('0b5f9a6e-0000-4000-8000-000000000001-2');
    expect(id).not.toContain(':');
  });

  it('retries mail with exponential backoff and jitter, a bounded number of times, and keeps Redis from growing', () => {
    const options = defaultJobOptions('mail', loadConfig({ MAIL_ATTEMPTS: '5', MAIL_BACKOFF_MS: '1000' }));
    expect(options).toMatchObject({ attempts: 5, backoff: { type: 'exponential', delay: 1000, jitter: 0.5 } });
    expect(options.removeOnComplete).toBeTruthy();
    expect(options.removeOnFail).toBeTruthy();
  });

  it('reads SMTP’s verdict: 5xx permanent, 4xx and connection errors transient', () => {
    expect(isPermanentSmtpError({ responseCode: 550 })).toBe(true);
    expect(isPermanentSmtpError({ responseCode: 421 })).toBe(false);
    expect(isPermanentSmtpError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNECTION' }))).toBe(false);
    expect(isPermanentSmtpError(null)).toBe(false);
  });
});
