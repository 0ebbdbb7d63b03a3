import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('gives the embedded defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.database.url).toBeUndefined();
    expect(config.database.embedded).toEqual({ dataDir: '.data/pglite', port: 54329 });
    expect(config.http.port).toBe(3000);
    expect(config.seedDemoData).toBe(true);
    expect(config.timeZone).toBe('Europe/Brussels');
  });

  it('reads and converts the variables it knows', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/x',
      PORT: '8080',
      SEED_DEMO_DATA: 'false',
      APP_TIME_ZONE: 'Europe/Madrid',
      DATABASE_POOL_SIZE: '4',
    });
    expect(config.database.url).toBe('postgres://u@db:5432/x');
    expect(config.http.port).toBe(8080);
    expect(config.seedDemoData).toBe(false);
    expect(config.timeZone).toBe('Europe/Madrid');
    expect(config.database.poolSize).toBe(4);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://x'],
    ['APP_TIME_ZONE', 'Mars/Olympus'],
    ['SEED_DEMO_DATA', 'yes'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'http://redis'],
    ['SMTP_URL', 'mail.example.org'],
    ['WORKING_HOURS', '9-17'],
    ['WORKING_HOURS', '17:00-09:00'],
    ['WORKING_DAYS', '0,1'],
    ['MAIL_LINK_SECRET', 'short'],
    ['PUBLIC_URL', 'hub.example'],
    ['PUBLIC_DEMO_MAILBOX', 'yes'],
    ['LINK_MAIL_COOLDOWN_SECONDS', '-1'],
    ['LINK_MAIL_COOLDOWN_SECONDS', '3601'],
    ['LINK_MAILS_PER_HOUR', '0'],
    ['LINK_MAILS_PER_HOUR', 'many'],
  ])('refuses %s=%s at boot, naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(name);
  });

  it('reads the mail pipeline settings, with working hours and days', () => {
    const config = loadConfig({
      WORKING_HOURS: '08:30-16:00',
      WORKING_DAYS: '1,2,3,4',
      REMINDER_SWEEP_INTERVAL_MS: '30000',
      PUBLIC_URL: 'https://hub.example/',
    });
    expect(config.reminders).toEqual({
      sweepIntervalMs: 30000,
      mailsPerDay: 1,
      workingHours: { start: '08:30', end: '16:00', days: [1, 2, 3, 4] },
    });
    expect(config.publicUrl).toBe('https://hub.example');
    expect(config.mail.smtpUrl).toBeUndefined();
  });

  it('requires a real SMTP server in production: the embedded catcher and its Mailbox are for demos', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', MAIL_LINK_SECRET: 'x'.repeat(32) })).toThrow('SMTP_URL');
    expect(loadConfig({ MAIL_LINK_SECRET: 'x'.repeat(32) }).mail.smtpUrl).toBeUndefined();
  });

  it('limits link mails per address and kind: one a minute, five an hour, unless told otherwise', () => {
    expect(loadConfig({}).auth.linkMail).toEqual({ cooldownSeconds: 60, perHour: 5 });
    expect(loadConfig({ LINK_MAIL_COOLDOWN_SECONDS: '0', LINK_MAILS_PER_HOUR: '20' }).auth.linkMail).toEqual({
      cooldownSeconds: 0,
      perHour: 20,
    });
  });

  it('believes X-Forwarded-For only from the proxies it is told about', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).http.trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).http.trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow('TRUST_PROXY');
  });

  it('has no mail link secret of its own outside production (the installation generates one)', () => {
    expect(loadConfig({}).mail.linkSecret).toBeUndefined();
    expect(loadConfig({ MAIL_LINK_SECRET: 'y'.repeat(32) }).mail.linkSecret).toBe('y'.repeat(32));
  });

  it('requires a real mail link secret in production', () => {
    const smtp = 'smtp://mail.example:587';
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp })).toThrow('MAIL_LINK_SECRET');
    expect(
      loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp, MAIL_LINK_SECRET: 'x'.repeat(32) }).mail.linkSecret,
    ).toBe('x'.repeat(32));
  });

  describe('who reads the Mailbox', () => {
    const secret = { MAIL_LINK_SECRET: 'x'.repeat(32) };

    it('is private with the catcher, off with a real mail server, public only when asked for', () => {
      expect(loadConfig({}).mail.mailbox).toBe('private');
      expect(loadConfig({ PUBLIC_DEMO_MAILBOX: 'false' }).mail.mailbox).toBe('private');
      expect(loadConfig({ SMTP_URL: 'smtp://mail.example:587' }).mail.mailbox).toBe('off');
      expect(loadConfig({ SMTP_URL: 'smtp://mail.example:587', PUBLIC_DEMO_MAILBOX: 'false' }).mail.mailbox).toBe(
        'off',
      );
      expect(loadConfig({ PUBLIC_DEMO_MAILBOX: 'true' }).mail.mailbox).toBe('public-demo');
    });

    it.each([
      'localhost',
      '127.0.0.1',
      '127.0.1.1',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      'LOCALHOST',
    ])('allows the public demo Mailbox on the loopback HOST %s', (host) => {
      expect(loadConfig({ PUBLIC_DEMO_MAILBOX: 'true', HOST: host }).mail.mailbox).toBe('public-demo');
    });

    it.each(['0.0.0.0', '::', '192.168.1.20', '10.0.0.1', 'hub.example', 'localhost.example', '', '::ffff:10.0.0.1'])(
      'refuses the public demo Mailbox on the HOST %j, saying how to proceed',
      (host) => {
        const start = () => loadConfig({ PUBLIC_DEMO_MAILBOX: 'true', HOST: host });
        expect(start).toThrow(/PUBLIC_DEMO_MAILBOX: .*loopback HOST/);
        expect(start).toThrow(/set SMTP_URL .*, or PUBLIC_DEMO_MAILBOX=false for the private Mailbox/);
        // Without the switch, the same HOST starts with the private Mailbox.
        expect(loadConfig({ HOST: host }).mail.mailbox).toBe('private');
      },
    );

    it('refuses the public demo Mailbox in production and next to a real mail server', () => {
      const smtp = 'smtp://mail.example:587';
      for (const env of [{ SMTP_URL: smtp }, {}])
        expect(() => loadConfig({ PUBLIC_DEMO_MAILBOX: 'true', NODE_ENV: 'production', ...secret, ...env })).toThrow(
          /PUBLIC_DEMO_MAILBOX: refused in production/,
        );
      expect(() => loadConfig({ PUBLIC_DEMO_MAILBOX: 'true', SMTP_URL: smtp })).toThrow(
        /PUBLIC_DEMO_MAILBOX: only with the embedded mail catcher/,
      );
      expect(loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp, ...secret }).mail.mailbox).toBe('off');
    });
  });
});
