import 'reflect-metadata';
import { startApi } from './app/bootstrap';

/**
 * `npm start`: the API and a worker together, on embedded defaults — PGlite when DATABASE_URL is
 * unset, the SMTP catcher (the Mailbox page) when SMTP_URL is unset, demo data.
 */
startApi({ worker: 'alongside' }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
