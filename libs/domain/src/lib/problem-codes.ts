/**
 * Every problem the API can answer with, by code: the one registry shared by the backend (which
 * throws them), the OpenAPI document (which lists them) and the dashboard (which reacts to them).
 * A problem's `type` is `urn:mobility-hub:problem:<code>`; nobody matches a type by string.
 */
export const PROBLEM_CODES = {
  // Requests the API cannot take as they are.
  'invalid-request': {
    status: 400,
    description: 'The request does not have the shape the API describes; `errors` names each field and rule.',
  },
  'rule-violated': {
    status: 422,
    description: 'Well-formed, but breaks a business rule; `errors` names each field and rule.',
  },
  'not-found': { status: 404, description: 'No such record, or one the caller may not see.' },
  'stale-version': {
    status: 412,
    description: 'The record changed since the client read it (If-Match); `currentVersion` is the new one.',
  },
  // Signing in and permissions.
  'signed-out': { status: 401, description: 'No valid session: sign in to continue.' },
  'sign-in-failed': { status: 401, description: 'The address and password do not match an account.' },
  'sign-in-first': {
    status: 401,
    description: 'The invitation is for an existing account: sign in as it, then accept.',
  },
  'sign-in-locked': {
    status: 429,
    description: 'Too many failed sign-ins for this address; `retryAfterSeconds` says when to try again.',
  },
  'role-not-allowed': {
    status: 403,
    description: 'The caller sees the record but their role may not do this with it.',
  },
  // One-use links.
  'link-used': { status: 410, description: 'The link was used already.' },
  'link-expired': { status: 410, description: 'The link has expired.' },
  'link-recently-sent': {
    status: 429,
    description: 'A new link went out moments ago; `retryAfterSeconds` says when another may be sent.',
  },
  // The mobility file.
  'lifecycle-refused': { status: 409, description: 'The lifecycle event is not possible now; `unmet` lists why.' },
  'mobility-closed': { status: 409, description: 'The mobility is completed or withdrawn and can no longer change.' },
  'host-fixed': { status: 409, description: 'The host can change during application and preparation only.' },
  'placement-settled': { status: 409, description: 'The host has already answered this placement request.' },
  'placement-declined': {
    status: 409,
    description: 'This host declined the placement: no new link; the detail says whom at the school to contact.',
  },
  'checklist-closed': { status: 409, description: 'The mobility is closed: its checklist can no longer change.' },
  'checklist-current': { status: 409, description: 'The mobility already follows the current checklist version.' },
  'host-confirmation-by-event': {
    status: 409,
    description: 'The host confirmation task follows the host’s answer, not a tick.',
  },
  'consent-by-guardian': {
    status: 409,
    description: 'A guardian’s consent is given by the guardian through their link; nobody ticks or waives it.',
  },
  'consent-settled': {
    status: 409,
    description: 'The consent no longer waits for this guardian’s answer (given, no longer needed, or closed).',
  },
  'participant-report-refused': {
    status: 409,
    description: 'The participant report step is not possible from its status or the mobility’s phase.',
  },
  'participant-report-too-soon': {
    status: 429,
    description: 'The participant report was sent less than 24 hours ago; `retryAfterSeconds` says when to re-send.',
  },
  'snapshot-version-unsupported': {
    status: 500,
    description: 'The stored lifecycle state was written by a newer machine version.',
  },
  // Organisations, projects, people, mail.
  'duplicate-reference': { status: 409, description: 'The school already has a project with this reference.' },
  'project-event-refused': {
    status: 409,
    description: 'The project event is not possible from its status (e.g. a final report before the end date).',
  },
  'project-task-by-event': {
    status: 409,
    description: 'The final report task follows the recorded submission, not a tick.',
  },
  'project-tasks-closed': {
    status: 409,
    description: 'The final report is submitted: the project’s tasks and dates no longer change.',
  },
  'export-not-ready': {
    status: 409,
    description: 'The export is queued, running or failed: there is no file to download (yet).',
  },
  'export-expired': {
    status: 410,
    description: "The export's file was deleted after the retention period: export again.",
  },
  'import-file-rejected': {
    status: 422,
    description:
      'The file cannot be imported (not CSV or XLSX, a wrong header, formulas or macros, too many rows); `errors` names each.',
  },
  'duplicate-oid': { status: 409, description: 'The school already registered an organisation with this OID.' },
  'already-member': { status: 409, description: 'The person is already a member of the organisation.' },
  'last-coordinator': { status: 409, description: 'An organisation keeps at least one coordinator.' },
  'not-failed': { status: 409, description: 'Only a failed e-mail can be retried.' },
  'not-mutable': { status: 409, description: 'This kind of e-mail cannot be muted (programme deadlines).' },
  'person-details-differ': {
    status: 409,
    description:
      'The school knows this e-mail address as a person with other names or date of birth; `errors` names them and `personId` is that person.',
  },
  // What the HTTP layer answers on its own.
  unauthorized: { status: 401, description: 'Not authorised.' },
  forbidden: { status: 403, description: 'Refused (e.g. a cross-site request).' },
  'method-not-allowed': { status: 405, description: 'The route does not take this method.' },
  'not-acceptable': { status: 406, description: 'The API answers JSON only.' },
  conflict: { status: 409, description: 'The request conflicts with the current state.' },
  gone: { status: 410, description: 'The resource is no more.' },
  'precondition-failed': { status: 412, description: 'A precondition failed.' },
  'payload-too-large': { status: 413, description: 'The request body is too large.' },
  'unsupported-media-type': { status: 415, description: 'Send JSON (application/json).' },
  'too-many-requests': { status: 429, description: 'Too many requests: wait `retryAfterSeconds`.' },
  'request-failed': { status: 400, description: 'The request failed.' },
  'service-unavailable': { status: 503, description: 'Busy or a dependency is down; try again shortly.' },
  internal: { status: 500, description: 'An unexpected error; it has been logged.' },
} as const satisfies Record<string, { readonly status: number; readonly description: string }>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** The codes registered with HTTP status `S` (e.g. `ProblemCodeWith<409>`: every conflict). */
export type ProblemCodeWith<S extends number> = {
  [K in ProblemCode]: (typeof PROBLEM_CODES)[K]['status'] extends S ? K : never;
}[ProblemCode];

export const PROBLEM_TYPE_PREFIX = 'urn:mobility-hub:problem:';

/** The problem's `type` URI for a code. */
export function problemType(code: ProblemCode): string {
  return `${PROBLEM_TYPE_PREFIX}${code}`;
}

/** The registered code of a problem `type` URI; null for a type this registry does not know. */
export function problemCodeOf(type: string | null | undefined): ProblemCode | null {
  if (!type?.startsWith(PROBLEM_TYPE_PREFIX)) return null;
  const code = type.slice(PROBLEM_TYPE_PREFIX.length);
  return Object.prototype.hasOwnProperty.call(PROBLEM_CODES, code) ? (code as ProblemCode) : null;
}

export function isProblemCode(value: string): value is ProblemCode {
  return Object.prototype.hasOwnProperty.call(PROBLEM_CODES, value);
}
