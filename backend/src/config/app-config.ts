import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import {
  ActivityTypeCode,
  DEFAULT_PROJECT_DEADLINES,
  DurationLimit,
  DurationLimits,
  isActivityTypeCode,
} from '@mobility-hub/domain';
import { isLoopbackAddress } from './loopback';

/**
 * Every environment variable the backend reads, validated once at boot. Nothing else in the
 * backend reads `process.env`: it injects `AppConfig`.
 */
class Environment {
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @IsString()
  EMBEDDED_PG_DIR?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional()
  @IsIn(['true', 'false'])
  SEED_DEMO_DATA?: string;

  /** Behind a reverse proxy: 'true' (any), or the proxies' addresses or CIDRs (comma-separated). */
  @IsOptional()
  @Matches(/^(true|false|[0-9a-fA-F.:/,\s]+)$/, {
    message: "TRUST_PROXY must be true, false or the proxies' addresses",
  })
  TRUST_PROXY?: string;

  /** The demo people's password instead of random ones (for the browser tests); only with demo data. */
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'DEMO_PASSWORD must be at least 12 characters' })
  DEMO_PASSWORD?: string;

  @IsOptional()
  @IsTimeZone()
  APP_TIME_ZONE?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  @IsOptional()
  @IsString()
  FRONTEND_DIST?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'QUEUE_PREFIX takes letters, digits, - and _' })
  QUEUE_PREFIX?: string;

  @IsOptional()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  SMTP_CATCHER_PORT?: number;

  /** The catcher's Mailbox shows every e-mail to anyone on this computer (`npm start` turns it on). */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'PUBLIC_DEMO_MAILBOX must be true or false' })
  PUBLIC_DEMO_MAILBOX?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @Matches(/^https?:\/\/[^/]+/, { message: 'PUBLIC_URL must be the http(s) address the dashboard is reached at' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'MAIL_LINK_SECRET must be at least 32 characters' })
  MAIL_LINK_SECRET?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(86_400_000)
  REMINDER_SWEEP_INTERVAL_MS?: number;

  /** Task-reminder mails a recipient gets at most per day (each lists all their due tasks). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24)
  REMINDER_MAILS_PER_DAY?: number;

  /** Days after the project's end date the final beneficiary report is due (reference §3.5 #6 [NA-example]: 60). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  FINAL_REPORT_DAYS?: number;

  /** Days an export's file is kept before the retention sweep deletes it. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  REPORT_RETENTION_DAYS?: number;

  /** Largest import file accepted (bytes). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  IMPORT_MAX_BYTES?: number;

  /** Most data rows an import file may hold. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  IMPORT_MAX_ROWS?: number;

  @IsOptional()
  @Matches(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, {
    message: 'WORKING_HOURS is HH:MM-HH:MM, e.g. 09:00-17:00',
  })
  WORKING_HOURS?: string;

  @IsOptional()
  @Matches(/^[1-7](,[1-7])*$/, { message: 'WORKING_DAYS lists ISO weekdays, e.g. 1,2,3,4,5' })
  WORKING_DAYS?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  MAIL_CONCURRENCY?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  MAIL_ATTEMPTS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  MAIL_BACKOFF_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(50)
  @Max(600_000)
  OUTBOX_RELAY_INTERVAL_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  OUTBOX_REQUEUE_AFTER_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  JOB_LOCK_MS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(5)
  @Max(60 * 24 * 30)
  SESSION_TTL_MINUTES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  SIGN_IN_MAX_FAILURES?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  SIGN_IN_LOCK_MINUTES?: number;

  @IsOptional()
  @IsIn(['true', 'false'])
  COOKIE_SECURE?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  HOST_LINK_TTL_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  GUARDIAN_LINK_TTL_DAYS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  RATE_LIMIT_PER_MINUTE?: number;

  /** Seconds after a password-reset or sign-in-link mail before another of its kind goes to that address. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  LINK_MAIL_COOLDOWN_SECONDS?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  LINK_MAILS_PER_HOUR?: number;

  /** Duration limits per activity type, e.g. `OA-INV-EXP=2-60,PREP-VISIT=1-30` (see DEFAULT_DURATION_LIMITS). */
  @IsOptional()
  @Matches(/^\s*[A-Z-]+=\d+-\d+(\s*,\s*[A-Z-]+=\d+-\d+)*\s*$/, {
    message: 'DURATION_LIMITS is a comma-separated list of CODE=MIN-MAX, e.g. OA-INV-EXP=2-60,OA-HOS-TTT=10-365',
  })
  DURATION_LIMITS?: string;
}

/**
 * Duration limits the programme sources leave open (reference §1.3 tags them [unconfirmed], §9 #3;
 * a preparatory visit's length is not stated): the figures seen in third-party code, and a month for
 * a preparatory visit. Check them against your NA's guide and override with DURATION_LIMITS.
 */
export const DEFAULT_DURATION_LIMITS: DurationLimits = {
  'OA-INV-EXP': { minDays: 2, maxDays: 60 },
  'OA-HOS-TTT': { minDays: 10, maxDays: 365 },
  'PREP-VISIT': { minDays: 1, maxDays: 30 },
};

export interface AppConfig {
  readonly http: {
    readonly host: string;
    readonly port: number;
    /** Which proxies' X-Forwarded-For to believe (the client address for rate limits and the audit log). */
    readonly trustProxy: boolean | string;
  };
  readonly database: {
    /** Unset: start the embedded PostgreSQL (PGlite) and use it. */
    readonly url: string | undefined;
    readonly poolSize: number;
    readonly embedded: { readonly dataDir: string; readonly port: number };
  };
  readonly seedDemoData: boolean;
  /** Every demo person's password, when chosen (DEMO_PASSWORD); otherwise random ones, printed once. */
  readonly demoPassword: string | undefined;
  /** The calendar "today" (for overdue tasks) is taken in this zone. */
  readonly timeZone: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Folder of the built Angular app served at `/`; absent → API only. */
  readonly frontendDist: string;
  /** Where the dashboard is reached: the base of every link in an e-mail. */
  readonly publicUrl: string;
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly mail: {
    /** Unset: an embedded SMTP catcher keeps every message (the dashboard's Mailbox). */
    readonly smtpUrl: string | undefined;
    /**
     * Who reads the catcher's messages (GET /api/mailbox):
     * - `off`: SMTP_URL is set, nothing is caught, the Mailbox is 404 for everyone;
     * - `private`: a signed-in person, only the mail addressed to them or to an organisation they coordinate;
     * - `public-demo` (PUBLIC_DEMO_MAILBOX=true, loopback HOST only): every message, to any request made
     *   on this computer (loopback client and Host); any other request is answered as `private`.
     */
    readonly mailbox: MailboxMode;
    readonly catcherPort: number;
    readonly from: string;
    /**
     * Signs mute links (HMAC). Required in production; unset elsewhere, the installation makes a
     * random one at its first start and keeps it in the database (LinksModule).
     */
    readonly linkSecret: string | undefined;
    readonly concurrency: number;
    /** Attempts for a transient failure (SMTP 4xx, connection errors); a 5xx is never retried. */
    readonly attempts: number;
    readonly backoffMs: number;
  };
  readonly reminders: {
    readonly sweepIntervalMs: number;
    /** Task-reminder mails per recipient and day (REMINDER_MAILS_PER_DAY, default 1). */
    readonly mailsPerDay: number;
    readonly workingHours: { readonly start: string; readonly end: string; readonly days: readonly number[] };
  };
  readonly outbox: { readonly relayIntervalMs: number; readonly requeueAfterMs: number };
  /** Project deadlines the National Agency sets (the final report's period after the end date). */
  readonly projects: { readonly finalReportDays: number };
  readonly jobs: { readonly lockMs: number };
  /** Exports and imports (worker jobs, files kept in PostgreSQL for `retentionDays`). */
  readonly reports: { readonly retentionDays: number; readonly importMaxBytes: number; readonly importMaxRows: number };
  readonly auth: {
    /** A session ends this long after sign-in (sign-out ends it at once). */
    readonly sessionTtlMinutes: number;
    /** Failed sign-ins for one address before it is locked for `lockMinutes`. */
    readonly maxFailures: number;
    readonly lockMinutes: number;
    /** The session cookie's Secure flag: on outside development (HTTPS only). */
    readonly secureCookies: boolean;
    /** How long a host's placement-confirmation link works. */
    readonly hostLinkTtlDays: number;
    /** How long a minor's guardian's consent link works (each reminder sends a fresh one). */
    readonly guardianLinkTtlDays: number;
    /** Requests per minute and client address to sign-in and link routes (429 beyond). */
    readonly rateLimitPerMinute: number;
    /**
     * Link mails (password reset, sign-in link) per address and kind: a cool-down after each and
     * at most `perHour` in any hour. Beyond, the request is answered alike and no mail goes.
     */
    readonly linkMail: { readonly cooldownSeconds: number; readonly perHour: number };
  };
  readonly activities: {
    /** Duration limits by activity type where the programme's are open, or an NA's override (DURATION_LIMITS). */
    readonly durationLimits: DurationLimits;
  };
}

export type MailboxMode = 'off' | 'private' | 'public-demo';

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  // First: in production it names the switch rather than the missing SMTP_URL.
  const mailbox = mailboxMode(parsed, env['NODE_ENV']);
  return {
    // Loopback unless told otherwise (a newcomer's demo is not published by accident).
    http: { host: parsed.HOST ?? 'localhost', port: parsed.PORT ?? 3000, trustProxy: trustProxy(parsed.TRUST_PROXY) },
    database: {
      url: parsed.DATABASE_URL,
      poolSize: parsed.DATABASE_POOL_SIZE ?? 10,
      embedded: { dataDir: parsed.EMBEDDED_PG_DIR ?? '.data/pglite', port: parsed.EMBEDDED_PG_PORT ?? 54329 },
    },
    // Demo data by default only into the embedded database, never uninvited into an external one.
    seedDemoData: (parsed.SEED_DEMO_DATA ?? (parsed.DATABASE_URL ? 'false' : 'true')) === 'true',
    demoPassword: parsed.DEMO_PASSWORD,
    timeZone: parsed.APP_TIME_ZONE ?? 'Europe/Brussels',
    logLevel: (parsed.LOG_LEVEL ?? 'log') as AppConfig['logLevel'],
    frontendDist: parsed.FRONTEND_DIST ?? 'dist/frontend/browser',
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT ?? 3000}`).replace(/\/+$/, ''),
    redis: { url: parsed.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: parsed.QUEUE_PREFIX ?? 'mh' },
    mail: {
      smtpUrl: smtpUrl(parsed.SMTP_URL, env['NODE_ENV']),
      mailbox,
      catcherPort: parsed.SMTP_CATCHER_PORT ?? 1025,
      from: parsed.MAIL_FROM ?? 'Mobility Hub <no-reply@mobility-hub.localhost>',
      linkSecret: linkSecret(parsed.MAIL_LINK_SECRET, env['NODE_ENV']),
      concurrency: parsed.MAIL_CONCURRENCY ?? 10,
      attempts: parsed.MAIL_ATTEMPTS ?? 8,
      backoffMs: parsed.MAIL_BACKOFF_MS ?? 30_000,
    },
    reminders: {
      sweepIntervalMs: parsed.REMINDER_SWEEP_INTERVAL_MS ?? 60_000,
      mailsPerDay: parsed.REMINDER_MAILS_PER_DAY ?? 1,
      workingHours: workingHours(parsed.WORKING_HOURS ?? '09:00-17:00', parsed.WORKING_DAYS ?? '1,2,3,4,5'),
    },
    outbox: {
      relayIntervalMs: parsed.OUTBOX_RELAY_INTERVAL_MS ?? 1000,
      requeueAfterMs: parsed.OUTBOX_REQUEUE_AFTER_MS ?? 60_000,
    },
    jobs: { lockMs: parsed.JOB_LOCK_MS ?? 30_000 },
    reports: {
      retentionDays: parsed.REPORT_RETENTION_DAYS ?? 7,
      importMaxBytes: parsed.IMPORT_MAX_BYTES ?? 10 * 1024 * 1024,
      importMaxRows: parsed.IMPORT_MAX_ROWS ?? 5000,
    },
    projects: { finalReportDays: parsed.FINAL_REPORT_DAYS ?? DEFAULT_PROJECT_DEADLINES.finalReportDays },
    auth: {
      sessionTtlMinutes: parsed.SESSION_TTL_MINUTES ?? 12 * 60,
      maxFailures: parsed.SIGN_IN_MAX_FAILURES ?? 5,
      lockMinutes: parsed.SIGN_IN_LOCK_MINUTES ?? 15,
      secureCookies: (parsed.COOKIE_SECURE ?? (env['NODE_ENV'] === 'production' ? 'true' : 'false')) === 'true',
      hostLinkTtlDays: parsed.HOST_LINK_TTL_DAYS ?? 14,
      guardianLinkTtlDays: parsed.GUARDIAN_LINK_TTL_DAYS ?? 14,
      rateLimitPerMinute: parsed.RATE_LIMIT_PER_MINUTE ?? 20,
      linkMail: { cooldownSeconds: parsed.LINK_MAIL_COOLDOWN_SECONDS ?? 60, perHour: parsed.LINK_MAILS_PER_HOUR ?? 5 },
    },
    activities: { durationLimits: durationLimits(parsed.DURATION_LIMITS) },
  };
}

function durationLimits(value: string | undefined): DurationLimits {
  const limits: Partial<Record<ActivityTypeCode, DurationLimit>> = { ...DEFAULT_DURATION_LIMITS };
  for (const entry of (value ?? '').split(',').filter((e) => e.trim() !== '')) {
    const [code, range] = entry.trim().split('=');
    const [minDays, maxDays] = range.split('-').map(Number);
    if (!isActivityTypeCode(code))
      throw new Error(`invalid configuration:\n  DURATION_LIMITS: ${code} is not an activity type code`);
    if (minDays < 1 || minDays > maxDays)
      throw new Error(`invalid configuration:\n  DURATION_LIMITS: ${code} needs 1 <= min <= max days`);
    limits[code] = { minDays, maxDays };
  }
  return limits;
}

function linkSecret(value: string | undefined, nodeEnv: string | undefined): string | undefined {
  if (!value && nodeEnv === 'production')
    throw new Error('invalid configuration:\n  MAIL_LINK_SECRET: required in production');
  return value;
}

/**
 * Without SMTP_URL the embedded catcher keeps every e-mail (password-reset, sign-in, invitation
 * and placement links included) for the Mailbox: a development and demo tool, refused in production.
 */
function smtpUrl(value: string | undefined, nodeEnv: string | undefined): string | undefined {
  if (!value && nodeEnv === 'production') {
    throw new Error(
      'invalid configuration:\n  SMTP_URL: required in production (the embedded mail catcher is for development and demos)',
    );
  }
  return value;
}

/**
 * The Mailbox's exposure. Private unless PUBLIC_DEMO_MAILBOX=true, which shows every caught e-mail —
 * and so every account's reset and sign-in links — to whoever opens it: allowed only where nobody
 * else can open it (a loopback HOST, not production, no real mail server).
 */
function mailboxMode(parsed: Environment, nodeEnv: string | undefined): MailboxMode {
  if (parsed.PUBLIC_DEMO_MAILBOX !== 'true') return parsed.SMTP_URL ? 'off' : 'private';
  if (nodeEnv === 'production')
    throw new Error(
      'invalid configuration:\n  PUBLIC_DEMO_MAILBOX: refused in production (it shows every e-mail, password-reset links included, to anyone)',
    );
  if (parsed.SMTP_URL)
    throw new Error(
      'invalid configuration:\n  PUBLIC_DEMO_MAILBOX: only with the embedded mail catcher; SMTP_URL is set, so there is no Mailbox (unset PUBLIC_DEMO_MAILBOX)',
    );
  const host = parsed.HOST ?? 'localhost';
  if (!isLoopbackAddress(host))
    throw new Error(
      `invalid configuration:\n  PUBLIC_DEMO_MAILBOX: the public demo Mailbox (on in \`npm start\`) shows every e-mail, password-reset and sign-in links included, to whoever opens it, so it needs a loopback HOST (localhost, 127.0.0.1, ::1), not ${JSON.stringify(host)}. ` +
        'To serve the network, set SMTP_URL to a real mail server, or PUBLIC_DEMO_MAILBOX=false for the private Mailbox (each signed-in person reads only their own mail), e.g. `HOST=0.0.0.0 PUBLIC_DEMO_MAILBOX=false npm start`.',
    );
  return 'public-demo';
}

function trustProxy(value: string | undefined): boolean | string {
  if (value === undefined || value === 'false') return false;
  return value === 'true' ? true : value;
}

function workingHours(hours: string, days: string): AppConfig['reminders']['workingHours'] {
  const [start, end] = hours.split('-');
  if (start >= end) throw new Error('invalid configuration:\n  WORKING_HOURS: must end after it starts');
  return { start, end, days: [...new Set(days.split(',').map(Number))].sort() };
}

/** Nest's logger levels from LOG_LEVEL: that level and every more severe one. */
export function levelsFrom(level: AppConfig['logLevel']): ('fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose')[] {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
