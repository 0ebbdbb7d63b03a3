import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contractViolation, Exchange, ResponseValidator, UnmodelledRoute } from '../../src/openapi/response-validator';

/**
 * Routes that tests call and the contract leaves out on purpose. Keep it short: everything under
 * /api that the dashboard or a mail link uses belongs in the document.
 */
export const UNMODELLED_ROUTES: readonly UnmodelledRoute[] = [
  { method: 'GET', path: /^\/api\/docs(\/.*)?$/, reason: 'the document itself and its Swagger UI' },
  { method: 'GET', path: /^\/(?!api(\/|$))/, reason: 'the dashboard’s static files, served when it is built' },
];

let validator: ResponseValidator | undefined;

/** The committed document, read once per test file. */
function contract(): ResponseValidator {
  validator ??= new ResponseValidator(
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'openapi.json'), 'utf8')),
    UNMODELLED_ROUTES,
  );
  return validator;
}

/**
 * Every answer an integration test receives must be one the committed document allows; the test
 * fails at the request otherwise. CONTRACT_REPORT=<file> records the mismatches instead (to survey
 * them all in one run).
 */
export function expectContract(exchange: Exchange): void {
  const verdict = contract().check(exchange);
  if (verdict.errors.length === 0) return;
  const message = contractViolation(verdict, exchange);
  const report = process.env['CONTRACT_REPORT'];
  if (report) appendFileSync(report, `${message}\n`);
  else throw new Error(message);
}
