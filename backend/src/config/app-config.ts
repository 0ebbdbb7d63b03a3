import { plainToInstance, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsTimeZone, Matches, Max, Min, validateSync } from 'class-validator';

/**
 * Every environment variable the backend reads, validated once at boot. Nothing else in the
 * backend reads `process.env`: it injects `AppConfig`.
 */
class Environment {
  @IsOptional() @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsString()
  HOST?: string;

  @IsOptional() @IsString()
  EMBEDDED_PG_DIR?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(65535)
  EMBEDDED_PG_PORT?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE?: number;

  @IsOptional() @IsIn(['true', 'false'])
  SEED_DEMO_DATA?: string;

  @IsOptional() @IsTimeZone()
  APP_TIME_ZONE?: string;

  @IsOptional() @IsIn(['fatal', 'error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL?: string;

  @IsOptional() @IsString()
  FRONTEND_DIST?: string;
}

export interface AppConfig {
  readonly http: { readonly host: string; readonly port: number };
  readonly database: {
    /** Unset: start the embedded PostgreSQL (PGlite) and use it. */
    readonly url: string | undefined;
    readonly poolSize: number;
    readonly embedded: { readonly dataDir: string; readonly port: number };
  };
  readonly seedDemoData: boolean;
  /** The calendar "today" (for overdue tasks) is taken in this zone. */
  readonly timeZone: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** Folder of the built Angular app served at `/`; absent → API only. */
  readonly frontendDist: string;
}

export const APP_CONFIG = Symbol('APP_CONFIG');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(Environment, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { whitelist: false });
  if (errors.length > 0) {
    const lines = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `  ${e.property}: ${m}`));
    throw new Error(`invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    // Loopback unless told otherwise: there are no accounts yet in front of personal data.
    http: { host: parsed.HOST ?? 'localhost', port: parsed.PORT ?? 3000 },
    database: {
      url: parsed.DATABASE_URL,
      poolSize: parsed.DATABASE_POOL_SIZE ?? 10,
      embedded: { dataDir: parsed.EMBEDDED_PG_DIR ?? '.data/pglite', port: parsed.EMBEDDED_PG_PORT ?? 54329 },
    },
    // Demo data by default only into the embedded database, never uninvited into an external one.
    seedDemoData: (parsed.SEED_DEMO_DATA ?? (parsed.DATABASE_URL ? 'false' : 'true')) === 'true',
    timeZone: parsed.APP_TIME_ZONE ?? 'Europe/Brussels',
    logLevel: (parsed.LOG_LEVEL ?? 'log') as AppConfig['logLevel'],
    frontendDist: parsed.FRONTEND_DIST ?? 'dist/frontend/browser',
  };
}
