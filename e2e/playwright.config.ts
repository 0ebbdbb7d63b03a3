import { defineConfig, devices } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from './tests/support/accounts';

const PORT = Number(process.env['E2E_PORT'] ?? 3310);
const baseURL = `http://127.0.0.1:${PORT}`;

/**
 * Browser tests against the app started exactly as `npm start` starts it (no DATABASE_URL: the
 * embedded PostgreSQL, demo data), on a fresh database folder each run. Chromium is Debian's
 * (`apt-get install chromium`), never a downloaded browser. Every demo person's password is
 * DEMO_PASSWORD (tests/support/accounts.ts): the specs sign in as the person each page is for.
 */
export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  reporter: [['list'], ['html', { outputFolder: 'playwright-report', open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node dist/backend/backend/src/main.js',
    cwd: join(__dirname, '..'),
    url: `${baseURL}/api/health`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: '127.0.0.1',
      EMBEDDED_PG_DIR: mkdtempSync(join(tmpdir(), 'mh-e2e-')),
      EMBEDDED_PG_PORT: String(PORT + 1000),
      SMTP_CATCHER_PORT: String(PORT + 2000),
      // As `npm start`: the public demo Mailbox (loopback only). The specs read the e-mails of any
      // person there (a learner's sign-in link, an invitation) without signing in as them.
      PUBLIC_DEMO_MAILBOX: 'true',
      QUEUE_PREFIX: `e2e${PORT}`,
      PUBLIC_URL: baseURL,
      REMINDER_SWEEP_INTERVAL_MS: '5000',
      // E-mails wait for the recipient's working hours; the suite runs at any hour and on weekends,
      // so every hour of every day counts as working time here.
      WORKING_HOURS: '00:00-23:59',
      WORKING_DAYS: '1,2,3,4,5,6,7',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD,
      // Sign-in (like each link route) takes RATE_LIMIT_PER_MINUTE requests a minute per client
      // address, 20 by default. Every test signs in as the person it acts for, all from 127.0.0.1:
      // the existing specs alone sign in about 15 times within a minute (dashboard to start), close to
      // the default, and the role tests sign in as each kind of person on top, so the limit is raised. The lockout of one address after wrong passwords
      // (SIGN_IN_MAX_FAILURES) is left as it is.
      RATE_LIMIT_PER_MINUTE: '1000',
      // A test that resets a password gives the demo password back through a second reset link
      // within seconds: no cool-down between link mails to one address (the hourly limit stays).
      LINK_MAIL_COOLDOWN_SECONDS: '0',
    },
  },
});
