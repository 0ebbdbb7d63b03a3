import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app/create-app';
import { loadConfig } from './config/app-config';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { seedDemoData } from './database/seeds/demo.seed';

async function main(): Promise<void> {
  const logger = new Logger('Bootstrap');
  let config = loadConfig();
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!config.database.url) {
    embedded = await startEmbeddedPostgres(config.database.embedded.dataDir, config.database.embedded.port);
    // PGlite is a single session at heart: its socket server interleaves the extended-protocol
    // messages of concurrent connections ("unnamed prepared statement does not exist"), so the
    // embedded database gets exactly one pooled connection. Transactions then simply queue.
    config = { ...config, database: { ...config.database, url: embedded.url, poolSize: 1 } };
  }
  const app = await createApp(config);
  if (config.seedDemoData) {
    const seeded = await seedDemoData(app);
    if (seeded) logger.log(`seeded demo data: ${seeded}`);
  }
  if (embedded) {
    const stopEmbedded = embedded.stop;
    app.getHttpAdapter().getInstance().addHook('onClose', async () => stopEmbedded());
  }
  await app.listen(config.http.port, config.http.host);
  logger.log(`Mobility Hub on http://localhost:${config.http.port}  (API /api, docs /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
