// The embedded PostgreSQL of `npm start`, in a process of its own for a test (PGlite's WASM does not
// load inside Jest's module sandbox): `run.cjs embedded-postgres-server.ts <dataDir> <port>`, prints
// its URL once it listens, stops on SIGTERM.
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

const [dataDir, port] = process.argv.slice(2);
void startEmbeddedPostgres(dataDir, Number(port)).then((embedded) => {
  process.stdout.write(`ready ${embedded.url}\n`);
  process.on('SIGTERM', () => void embedded.stop().then(() => process.exit(0)));
});
