import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app/worker.module';
import { levelsFrom, loadConfig } from './config/app-config';

/**
 * The worker: reminder sweeps, the outbox relay and e-mail delivery; no HTTP. Start as many as
 * needed against the same PostgreSQL and Redis. SIGTERM lets running sends finish, then exits.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.database.url)
    throw new Error('the worker needs DATABASE_URL (npm start runs API and worker together on the embedded database)');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: levelsFrom(config.logLevel),
  });
  app.enableShutdownHooks();
  new Logger('Worker').log(`worker ${process.pid} started`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
