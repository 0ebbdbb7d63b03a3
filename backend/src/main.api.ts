import 'reflect-metadata';
import { startApi } from './app/bootstrap';

/** The API alone (no queues): production runs this next to one or more `main.worker.ts`. */
startApi({ worker: 'none' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
