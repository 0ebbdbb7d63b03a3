import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient, HttpResult, startTestApp, TestApp, TestUser } from './support/test-app';

/**
 * THE access matrix: every operation of the committed OpenAPI document × every caller (anonymous;
 * a coordinator, staff member, host mentor and learner of organisation A; the same four of an
 * unrelated organisation B) against A's records → the status each must get. B's people must find
 * nothing of A's: a 404 for a record, lists without any of A's data. An operation in the document
 * without an entry here fails the test, so a new route cannot ship without its access decided.
 *
 * "ok" means the request passed authorisation: a 2xx, or a business answer about the record the
 * caller may act on (409 refused by the lifecycle, 412 stale If-Match). Requests that would change
 * something use harmless bodies (a value already set, a stale If-Match) so the world stays the same.
 */

const ROLES = ['coordinator', 'staff', 'mentor', 'learner'] as const;
type Role = (typeof ROLES)[number];
type Caller = 'anonymous' | `own ${Role}` | `foreign ${Role}`;
const CALLERS: readonly Caller[] = [
  'anonymous',
  ...ROLES.map((r) => `own ${r}` as const),
  ...ROLES.map((r) => `foreign ${r}` as const),
];

type Outcome = 'ok' | 200 | 201 | 202 | 204 | 401 | 403 | 404 | 409 | 412;

interface Tenant {
  school: any;
  host: any;
  project: any;
  mobility: any;
  people: Record<Role, TestUser>;
}

interface World {
  a: Tenant;
  b: Tenant;
  /** A's tasks by the role that does them (none is the host confirmation, which the lifecycle guards). */
  tasks: { host: any; learner: any; sending: any };
  outboxId: string;
  /** An export of A's project (queued: no worker runs here, so its file is not there yet). */
  exportId: string;
  /** An import (dry run) of a file into A's project, uploaded by A's coordinator. */
  importId: string;
  caughtMailId: string;
  invitationId: string;
  /** Strings that only A's data contains: none may appear in an answer to B's people or to anonymous. */
  secrets: string[];
  /** Inside school A: what each of A's people must never find in any answer (a leak between roles). */
  inside: Partial<Record<Caller, Leaks>>;
}

/** Distinctive strings, and patterns for what the matrix itself creates as it runs (invitations). */
interface Leaks {
  strings: string[];
  patterns: RegExp[];
}

interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Entry {
  /** Why anyone may call it (a public route), when it is one. Public routes are called with a bogus token. */
  readonly public?: string;
  readonly call: (w: World, t: TestApp) => Call | Promise<Call>;
  /** Per caller; anonymous is 401 unless public, B's people are 404 unless said otherwise. */
  readonly expect: Partial<Record<Caller, Outcome>>;
  /** A list: B's people get 200 with nothing of A's. */
  readonly list?: boolean;
  /** Other requests to the same operation (another event, another task, another organisation). */
  readonly variants?: readonly Omit<Entry, 'variants' | 'public'>[];
  /** Only these callers (e.g. sign-out would end the session of the others). */
  readonly only?: readonly Caller[];
}

const sendingOk = { 'own coordinator': 'ok', 'own staff': 'ok', 'own mentor': 403, 'own learner': 403 } as const;
const everyoneOwn = { 'own coordinator': 'ok', 'own staff': 'ok', 'own mentor': 'ok', 'own learner': 'ok' } as const;
const coordinatorOnly = { 'own coordinator': 'ok', 'own staff': 403, 'own mentor': 404, 'own learner': 404 } as const;
/** B's people asking about A's records in a list that is not paged: 200, nothing of A's. */
const foreignEmpty = {
  'foreign coordinator': 200,
  'foreign staff': 200,
  'foreign mentor': 200,
  'foreign learner': 200,
} as const;
const allFor = (outcome: Outcome) => Object.fromEntries(CALLERS.map((c) => [c, outcome])) as Record<Caller, Outcome>;
const BOGUS_TOKEN = 'A'.repeat(43);
const IMPORT_CSV =
  '\ufeffActivity type;First name;Last name;E-mail;Start date;End date\r\nLM-SHORT-VET;Ann;Lee;ann@a.test;2026-06-01;2026-06-28\r\n';
const MULTIPART_BOUNDARY = 'matrix-boundary-7f3a';
const MULTIPART_CSV = [
  `--${MULTIPART_BOUNDARY}`,
  'Content-Disposition: form-data; name="file"; filename="mobilities.csv"',
  'Content-Type: text/csv',
  '',
  IMPORT_CSV,
  `--${MULTIPART_BOUNDARY}--`,
  '',
].join('\r\n');
const STALE = { 'if-match': '"999"' };
let serial = 0;

const MATRIX: Record<string, Entry> = {
  'GET /api/health': { public: 'monitoring', call: () => ({ url: '/api/health' }), expect: allFor(200) },

  'POST /api/organisations': {
    call: (w) => ({
      url: '/api/organisations',
      body: {
        name: `Partner ${++serial}`,
        kind: 'company',
        country: 'ES',
        city: 'Sevilla',
        registeredByOrganisationId: w.a.school.id,
      },
    }),
    expect: { 'own coordinator': 201, 'own staff': 201, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/organisations': {
    call: () => ({ url: '/api/organisations?pageSize=100' }),
    expect: everyoneOwn,
    list: true,
  },
  'GET /api/organisations/{id}': {
    call: (w) => ({ url: `/api/organisations/${w.a.host.id}` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 200, 'own learner': 404 },
    variants: [
      {
        call: (w) => ({ url: `/api/organisations/${w.a.school.id}` }),
        expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
      },
    ],
  },

  'GET /api/organisations/cities': {
    call: () => ({ url: '/api/organisations/cities?country=ES' }),
    expect: everyoneOwn,
    list: true,
  },

  // Saved filters are the caller's own: anyone signed in keeps theirs, nobody sees or deletes another's.
  'GET /api/saved-filters': {
    call: () => ({ url: '/api/saved-filters?list=mobilities' }),
    expect: everyoneOwn,
    list: true,
  },
  'POST /api/saved-filters': {
    call: () => ({
      url: '/api/saved-filters',
      body: { list: 'mobilities', name: `Filter ${++serial}`, query: 'overdue=true' },
    }),
    expect: {
      ...everyoneOwn,
      'foreign coordinator': 201,
      'foreign staff': 201,
      'foreign mentor': 201,
      'foreign learner': 201,
    },
  },
  'DELETE /api/saved-filters/{id}': {
    // A filter of A's coordinator, saved afresh for each caller.
    call: async (_w, t) => {
      const saved = await t.post('/api/saved-filters', {
        list: 'mobilities',
        name: `To delete ${++serial}`,
        query: 'phase=preparation',
      });
      return { url: `/api/saved-filters/${saved.body.id}` };
    },
    expect: { 'own coordinator': 204, 'own staff': 404, 'own mentor': 404, 'own learner': 404 },
  },

  'POST /api/projects': {
    call: (w) => ({
      url: '/api/projects',
      body: {
        reference: `2026-1-DE02-KA122-VET-${String(++serial).padStart(9, '0')}`,
        title: 'Matrix project',
        action: 'KA122-VET',
        callYear: 2026,
        beneficiaryOrganisationId: w.a.school.id,
        startDate: '2026-01-01',
        endDate: '2027-06-30',
      },
    }),
    expect: { 'own coordinator': 201, 'own staff': 403, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/projects': { call: () => ({ url: '/api/projects?pageSize=100' }), expect: everyoneOwn, list: true },
  'GET /api/projects/{id}': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },

  // The project's own lifecycle: its coordinators and staff see it; only coordinators change it.
  'PATCH /api/projects/{id}': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}`, body: { interimReportDueDate: null } }),
    expect: coordinatorOnly,
  },
  'POST /api/projects/{id}/events': {
    // Still running: the coordinator's request is refused by the lifecycle (409), nothing changes.
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/events`, body: { type: 'CLOSE' } }),
    expect: coordinatorOnly,
  },
  'GET /api/projects/{id}/tasks': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/tasks` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },
  'PATCH /api/projects/{id}/tasks/{taskId}': {
    call: async (w, t) => {
      const tasks = (await t.get(`/api/projects/${w.a.project.id}/tasks`)).body as any[];
      const task = tasks.find((x) => x.key === 'evidence-file-complete');
      // Open already: the coordinator's request changes nothing.
      return { url: `/api/projects/${w.a.project.id}/tasks/${task.id}`, body: { status: 'open' } };
    },
    expect: coordinatorOnly,
  },
  'GET /api/projects/{id}/history': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/history` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },

  // Reports: the beneficiary's coordinators and staff; a file is as private as the data in it.
  'POST /api/projects/{id}/exports': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/exports`, body: { kind: 'bm-mobilities', format: 'csv' } }),
    expect: { 'own coordinator': 202, 'own staff': 202, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/projects/{id}/exports': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/exports` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/exports/{id}': {
    call: (w) => ({ url: `/api/exports/${w.exportId}` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/exports/{id}/file': {
    // Queued (no worker here): 409 for those who may have it, 404 for everyone else.
    call: (w) => ({ url: `/api/exports/${w.exportId}/file` }),
    expect: { 'own coordinator': 409, 'own staff': 409, 'own mentor': 404, 'own learner': 404 },
  },

  'POST /api/projects/{id}/imports': {
    // A dry run of a small CSV as multipart/form-data (nothing is written by a dry run but its report).
    call: (w) => ({
      url: `/api/projects/${w.a.project.id}/imports?dryRun=true`,
      body: MULTIPART_CSV,
      headers: { 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` },
    }),
    expect: { 'own coordinator': 202, 'own staff': 202, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/imports/{id}': {
    call: (w) => ({ url: `/api/imports/${w.importId}` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/projects/{id}/imports/template': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/imports/template?format=csv` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },

  'POST /api/projects/{id}/mobilities': {
    call: (w) => ({ url: `/api/projects/${w.a.project.id}/mobilities`, body: mobilityBody(w.a, `extra${++serial}`) }),
    expect: { 'own coordinator': 201, 'own staff': 201, 'own mentor': 404, 'own learner': 404 },
    variants: [
      {
        // Another mobility for a person of A's (the classmate comes back; no host, so no mentor sees it).
        call: async (w, t) => {
          const [person] = await t.db.query(`SELECT id FROM person WHERE email = 'quilliam.vexleigh@learners.test'`);
          const { participant: _, hostOrganisationId: __, ...rest } = mobilityBody(w.a, 'unused');
          return { url: `/api/projects/${w.a.project.id}/mobilities`, body: { ...rest, personId: person.id } };
        },
        expect: { 'own coordinator': 201, 'own staff': 201, 'own mentor': 404, 'own learner': 404 },
      },
    ],
  },
  // A school's people: its coordinators and staff only; B's people find none of A's.
  'GET /api/persons': { call: () => ({ url: '/api/persons?pageSize=100' }), expect: everyoneOwn, list: true },
  'GET /api/persons/{id}': {
    call: (w) => ({ url: `/api/persons/${w.a.mobility.participant.id}` }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/mobilities': { call: () => ({ url: '/api/mobilities?pageSize=100' }), expect: everyoneOwn, list: true },
  'GET /api/mobilities/{id}': { call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}` }), expect: everyoneOwn },
  'POST /api/mobilities/{id}/checklist-migration': {
    // A stale If-Match: the sending side gets past authorisation (412), nothing moves.
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/checklist-migration`, headers: STALE }),
    expect: sendingOk,
    variants: [
      {
        // Already on the current version: refused as such (409), to the sending side only.
        call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/checklist-migration` }),
        expect: sendingOk,
      },
    ],
  },
  'PATCH /api/mobilities/{id}': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}`, body: { greenTravel: false } }),
    expect: sendingOk,
  },
  'POST /api/mobilities/{id}/events': {
    // In application, REOPEN is refused by the lifecycle (409) for the one role that may send it.
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/events`, body: { type: 'REOPEN', reason: 'matrix' } }),
    expect: { 'own coordinator': 409, 'own staff': 403, 'own mentor': 403, 'own learner': 403 },
    variants: [
      {
        call: (w) => ({
          url: `/api/mobilities/${w.a.mobility.id}/events`,
          body: { type: 'HOST_CONFIRM' },
          headers: STALE,
        }),
        expect: { 'own coordinator': 403, 'own staff': 403, 'own mentor': 412, 'own learner': 403 },
      },
      {
        call: (w) => ({
          url: `/api/mobilities/${w.a.mobility.id}/events`,
          body: { type: 'HOST_DECLINE', reason: 'matrix' },
          headers: STALE,
        }),
        expect: { 'own coordinator': 403, 'own staff': 403, 'own mentor': 412, 'own learner': 403 },
      },
      {
        call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/events`, body: { type: 'ADVANCE' }, headers: STALE }),
        expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
      },
      {
        call: (w) => ({
          url: `/api/mobilities/${w.a.mobility.id}/events`,
          body: { type: 'WITHDRAW', reason: 'matrix' },
          headers: STALE,
        }),
        expect: { 'own coordinator': 412, 'own staff': 403, 'own mentor': 403, 'own learner': 403 },
      },
    ],
  },
  'PUT /api/mobilities/{id}/insurance': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/insurance`, body: { covers: [] }, headers: STALE }),
    expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
  },
  'POST /api/mobilities/{id}/participant-report': {
    call: (w) => ({
      url: `/api/mobilities/${w.a.mobility.id}/participant-report`,
      body: { action: 'request' },
      headers: STALE,
    }),
    expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
  },
  'GET /api/mobilities/{id}/history': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/history` }),
    expect: sendingOk,
  },
  // A minor's guardian: not the host's business. Changes are sent with a stale If-Match (nothing changes).
  'GET /api/mobilities/{id}/guardian': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/guardian` }),
    expect: { 'own coordinator': 'ok', 'own staff': 'ok', 'own mentor': 403, 'own learner': 'ok' },
  },
  'PUT /api/mobilities/{id}/guardian': {
    call: (w) => ({
      url: `/api/mobilities/${w.a.mobility.id}/guardian`,
      body: { name: 'Maria Huber', email: 'maria@family.test', phone: '+43 1 234', relationship: 'parent' },
      headers: STALE,
    }),
    expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
  },
  'POST /api/mobilities/{id}/guardian/consent-link': {
    // A's learner is an adult: no consent to ask for (409) — for those who may ask at all.
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/guardian/consent-link` }),
    expect: { 'own coordinator': 409, 'own staff': 409, 'own mentor': 403, 'own learner': 403 },
  },
  'GET /api/mobilities/{id}/accompanying-persons': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/accompanying-persons` }),
    expect: everyoneOwn,
  },
  'POST /api/mobilities/{id}/accompanying-persons': {
    call: (w) => ({
      url: `/api/mobilities/${w.a.mobility.id}/accompanying-persons`,
      body: { userAccountId: w.a.people.staff.userId, startDate: '2026-06-01', endDate: '2026-06-02' },
      headers: STALE,
    }),
    expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
  },
  'DELETE /api/mobilities/{id}/accompanying-persons/{personId}': {
    call: (w) => ({
      url: `/api/mobilities/${w.a.mobility.id}/accompanying-persons/00000000-0000-4000-8000-000000000000`,
      headers: STALE,
    }),
    expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 403 },
  },
  'GET /api/mobilities/{id}/tasks': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/tasks` }),
    expect: everyoneOwn,
  },
  // The host's tasks: a handful per mobility, so every page here holds all of them.
  'GET /api/tasks': { call: () => ({ url: '/api/tasks?role=host&pageSize=100' }), expect: everyoneOwn, list: true },
  'PATCH /api/tasks/{id}': {
    // Setting an open task open again changes nothing.
    call: (w) => ({ url: `/api/tasks/${w.tasks.host.id}`, body: { status: 'open' } }),
    expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 200, 'own learner': 404 },
    variants: [
      {
        call: (w) => ({ url: `/api/tasks/${w.tasks.learner.id}`, body: { status: 'open' } }),
        expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 200 },
      },
      {
        call: (w) => ({ url: `/api/tasks/${w.tasks.sending.id}`, body: { status: 'open' } }),
        expect: { 'own coordinator': 200, 'own staff': 200, 'own mentor': 404, 'own learner': 404 },
      },
      {
        // Only the sending side waives.
        call: (w) => ({
          url: `/api/tasks/${w.tasks.learner.id}`,
          body: { status: 'waived', waiverReason: 'matrix' },
          headers: STALE,
        }),
        expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 404, 'own learner': 403 },
      },
      {
        call: (w) => ({
          url: `/api/tasks/${w.tasks.host.id}`,
          body: { status: 'waived', waiverReason: 'matrix' },
          headers: STALE,
        }),
        expect: { 'own coordinator': 412, 'own staff': 412, 'own mentor': 403, 'own learner': 404 },
      },
    ],
  },

  'GET /api/outbox': { call: () => ({ url: '/api/outbox?pageSize=100' }), expect: everyoneOwn, list: true },
  // Host answers: the sending side's own mobilities only; others get an empty answer, never 404
  // (and, as everywhere, nothing of A's reaches B's people).
  'GET /api/host-answers/notices': {
    call: (w) => ({ url: `/api/host-answers/notices?projectId=${w.a.project.id}` }),
    expect: { ...everyoneOwn, ...foreignEmpty },
    variants: [
      {
        call: (w) => ({ url: `/api/host-answers/notices?mobilityId=${w.a.mobility.id}` }),
        expect: { ...everyoneOwn, ...foreignEmpty },
      },
    ],
  },
  'GET /api/host-answers/recent': {
    call: () => ({ url: '/api/host-answers/recent' }),
    expect: { ...everyoneOwn, ...foreignEmpty },
  },
  // Each person's own "seen up to" instant: nobody's record but their own.
  'PUT /api/host-answers/seen': {
    call: () => ({ url: '/api/host-answers/seen', body: { upTo: '2026-01-01T00:00:00.000Z' } }),
    expect: { ...allFor(204), anonymous: 401 },
  },
  'POST /api/outbox/{id}/retry': {
    // The placement request is pending, not failed: a 409 for those who may see it.
    call: (w) => ({ url: `/api/outbox/${w.outboxId}/retry` }),
    expect: { 'own coordinator': 409, 'own staff': 409, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/mobilities/{id}/reminders': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/reminders` }),
    expect: sendingOk,
  },
  // The mail log: what was sent to whom — the sending side's, like the reminders.
  'GET /api/mobilities/{id}/mail': {
    call: (w) => ({ url: `/api/mobilities/${w.a.mobility.id}/mail` }),
    expect: sendingOk,
  },

  'GET /api/mutes/{token}': {
    public: 'the signed token in the e-mail is the capability',
    call: () => ({ url: `/api/mutes/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  'PUT /api/mutes/{token}': {
    public: 'signed token',
    call: () => ({ url: `/api/mutes/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  'DELETE /api/mutes/{token}': {
    public: 'signed token',
    call: () => ({ url: `/api/mutes/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },

  // The embedded catcher's messages (without SMTP_URL; 404 with it, which production requires): each signed-in
  // person reads the mail to their address or to an organisation they coordinate (the mail here is to A's
  // coordinator). The public demo Mailbox (PUBLIC_DEMO_MAILBOX, loopback only) has its test: mailbox-exposure.
  'GET /api/mailbox': {
    call: () => ({ url: '/api/mailbox' }),
    expect: everyoneOwn,
    list: true,
  },
  'GET /api/mailbox/{id}': {
    call: (w) => ({ url: `/api/mailbox/${w.caughtMailId}` }),
    expect: { 'own coordinator': 200, 'own staff': 404, 'own mentor': 404, 'own learner': 404 },
  },

  'POST /api/auth/sign-in': {
    public: 'signing in',
    // A new address each time: five failures for one address lock it (429), which has its own test.
    call: () => ({
      url: '/api/auth/sign-in',
      body: { email: `nobody${++serial}@nowhere.test`, password: 'not the password' },
    }),
    expect: allFor(401),
  },
  'POST /api/auth/password-reset': {
    public: 'signing in',
    call: () => ({ url: '/api/auth/password-reset', body: { email: 'nobody@nowhere.test' } }),
    expect: allFor(202),
  },
  'POST /api/auth/password-reset/{token}': {
    public: 'the e-mailed token is the capability',
    call: () => ({ url: `/api/auth/password-reset/${BOGUS_TOKEN}`, body: { password: 'a long enough password' } }),
    expect: allFor(404),
  },
  'POST /api/auth/sign-in-link': {
    public: 'signing in',
    call: () => ({ url: '/api/auth/sign-in-link', body: { email: 'nobody@nowhere.test' } }),
    expect: allFor(202),
  },
  'POST /api/auth/sign-in-link/{token}': {
    public: 'the e-mailed token is the capability',
    call: () => ({ url: `/api/auth/sign-in-link/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  // Signing out would end the callers' sessions: called without one (it is harmless then).
  'POST /api/auth/sign-out': {
    public: 'ends whatever session the cookie names',
    call: () => ({ url: '/api/auth/sign-out' }),
    expect: { anonymous: 204 },
    only: ['anonymous'],
  },
  // About oneself only: a wrong current password is refused (422) for whoever is signed in.
  'POST /api/auth/password': {
    call: () => ({
      url: '/api/auth/password',
      body: { currentPassword: 'not the password', password: 'a long enough password' },
    }),
    expect: Object.fromEntries(CALLERS.filter((c) => c !== 'anonymous').map((c) => [c, 422])),
  },
  // Would end the callers' sessions: only the refusal without one is checked here (it has its own test).
  'POST /api/auth/sign-out-everywhere': {
    call: () => ({ url: '/api/auth/sign-out-everywhere' }),
    expect: { anonymous: 401 },
    only: ['anonymous'],
  },
  'GET /api/auth/me': {
    call: () => ({ url: '/api/auth/me' }),
    expect: Object.fromEntries(CALLERS.filter((c) => c !== 'anonymous').map((c) => [c, 200])),
  },
  'GET /api/auth/session': {
    public: 'the start-up probe: without a session it answers signedIn false',
    call: () => ({ url: '/api/auth/session' }),
    expect: allFor(200),
  },

  'GET /api/host-links/placement/{token}': {
    public: 'hosts act without an account: the token is the capability',
    call: () => ({ url: `/api/host-links/placement/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  'POST /api/host-links/placement/{token}/confirm': {
    public: 'host link',
    call: () => ({
      url: `/api/host-links/placement/${BOGUS_TOKEN}/confirm`,
      body: { mentorName: 'Ana', mentorEmail: 'ana@host.test' },
    }),
    expect: allFor(404),
  },
  'POST /api/host-links/placement/{token}/decline': {
    public: 'host link',
    call: () => ({ url: `/api/host-links/placement/${BOGUS_TOKEN}/decline`, body: { reason: 'no capacity' } }),
    expect: allFor(404),
  },
  'POST /api/host-links/placement/{token}/renew': {
    public: 'host link',
    call: () => ({ url: `/api/host-links/placement/${BOGUS_TOKEN}/renew` }),
    expect: allFor(404),
  },

  'GET /api/guardian-links/{token}': {
    public: 'guardians act without an account: the token is the capability',
    call: () => ({ url: `/api/guardian-links/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  'POST /api/guardian-links/{token}/consent': {
    public: 'guardian link',
    call: () => ({ url: `/api/guardian-links/${BOGUS_TOKEN}/consent`, body: { name: 'Maria Huber' } }),
    expect: allFor(404),
  },
  'POST /api/guardian-links/{token}/refuse': {
    public: 'guardian link',
    call: () => ({ url: `/api/guardian-links/${BOGUS_TOKEN}/refuse`, body: { name: 'Maria Huber' } }),
    expect: allFor(404),
  },

  'GET /api/organisations/{id}/members': {
    call: (w) => ({ url: `/api/organisations/${w.a.school.id}/members` }),
    expect: coordinatorOnly,
    // The school's coordinators also manage the mentors of the host companies it registered.
    variants: [
      {
        call: (w) => ({ url: `/api/organisations/${w.a.host.id}/members` }),
        expect: { 'own coordinator': 200, 'own staff': 403, 'own mentor': 403, 'own learner': 404 },
      },
    ],
  },
  'PATCH /api/organisations/{id}/members/{userId}': {
    call: (w) => ({
      url: `/api/organisations/${w.a.school.id}/members/${w.a.people.staff.userId}`,
      body: { role: 'staff' },
    }),
    expect: coordinatorOnly,
  },
  'DELETE /api/organisations/{id}/members/{userId}': {
    // A new colleague for every call: the coordinator's removal really happens.
    call: async (w, t) => {
      const colleague = await t.createUser({ role: 'staff', organisationId: w.a.school.id });
      return { url: `/api/organisations/${w.a.school.id}/members/${colleague.userId}` };
    },
    expect: { 'own coordinator': 204, 'own staff': 403, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/organisations/{id}/invitations': {
    call: (w) => ({ url: `/api/organisations/${w.a.school.id}/invitations` }),
    expect: coordinatorOnly,
  },
  'POST /api/organisations/{id}/invitations': {
    call: (w) => ({
      url: `/api/organisations/${w.a.school.id}/invitations`,
      body: { email: `invitee${++serial}@school-a.test`, role: 'staff' },
    }),
    expect: { 'own coordinator': 201, 'own staff': 403, 'own mentor': 404, 'own learner': 404 },
  },
  'DELETE /api/organisations/{id}/invitations/{invitationId}': {
    call: async (w, t) => {
      const sent = await t.post(`/api/organisations/${w.a.school.id}/invitations`, {
        email: `revoked${++serial}@school-a.test`,
        role: 'staff',
      });
      return { url: `/api/organisations/${w.a.school.id}/invitations/${sent.body.id}` };
    },
    expect: { 'own coordinator': 204, 'own staff': 403, 'own mentor': 404, 'own learner': 404 },
  },
  'GET /api/organisations/{id}/audit': {
    call: (w) => ({ url: `/api/organisations/${w.a.school.id}/audit` }),
    expect: coordinatorOnly,
  },

  'GET /api/invitations/{token}': {
    public: 'the invited person has no account yet: the token is the capability',
    call: () => ({ url: `/api/invitations/${BOGUS_TOKEN}` }),
    expect: allFor(404),
  },
  'POST /api/invitations/{token}/accept': {
    public: 'invitation link',
    call: () => ({
      url: `/api/invitations/${BOGUS_TOKEN}/accept`,
      body: { displayName: 'Nobody', password: 'a long enough password' },
    }),
    expect: allFor(404),
  },
};

function mobilityBody(tenant: Pick<Tenant, 'school' | 'host'>, name: string, dateOfBirth?: string) {
  return {
    participant: {
      firstName: 'Lena',
      lastName: `Matrix${name}`,
      email: `${name.toLowerCase()}@learners.test`,
      dateOfBirth: dateOfBirth ?? '2000-01-01',
    },
    activityType: 'LM-SHORT-VET',
    sendingOrganisationId: tenant.school.id,
    hostOrganisationId: tenant.host.id,
    startDate: '2026-06-01',
    endDate: '2026-06-28',
  };
}

/** A school with its project, a host partner, one mobility, and its four people. */
async function tenant(t: TestApp, coordinator: TestUser, schoolId: string, tag: string): Promise<Tenant> {
  const as = coordinator.client;
  const school = (await as.get(`/api/organisations/${schoolId}`)).body;
  const host = (
    await as.post('/api/organisations', {
      name: `Host ${tag} S.L.`,
      kind: 'company',
      country: 'ES',
      city: 'Madrid',
      email: `practicas@host-${tag.toLowerCase()}.test`,
      registeredByOrganisationId: schoolId,
    })
  ).body;
  const project = (
    await as.post('/api/projects', {
      reference: `2026-1-DE02-KA122-VET-${tag === 'A' ? '000000001' : '000000002'}`,
      title: `Project of school ${tag} zq${tag}`,
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: schoolId,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
    })
  ).body;
  const created = await as.post(
    `/api/projects/${project.id}/mobilities`,
    // B's learner is born on another day: A's date of birth stays a string only A's data holds (B's
    // coordinators see their own people's dates of birth in GET /api/persons).
    mobilityBody({ school, host }, `Learner${tag}`, tag === 'A' ? '2007-04-19' : '2007-08-23'),
  );
  if (created.status !== 201) throw new Error(`mobility ${tag}: ${created.status} ${JSON.stringify(created.body)}`);
  const mobility = created.body;
  const people: Record<Role, TestUser> = {
    coordinator,
    staff: await t.createUser({ role: 'staff', organisationId: schoolId }),
    mentor: await t.createUser({ role: 'mentor', organisationId: host.id }),
    // Creating the mobility made the learner's account: this gives it a session.
    learner: await t.createUser({ personId: mobility.participant.id }, mobility.participant.email),
  };
  return { school, host, project, mobility, people };
}

/**
 * The school's invitations as their e-mails carry them (not sent yet, so the one-use links are still
 * in the outbox): the links, the tokens and the mails' ids join what A's staff must never find.
 */
async function addInvitationLinks(t: TestApp, w: World): Promise<void> {
  const mails: { id: string; text: string }[] = await t.db.query(
    `SELECT id, text FROM outbox WHERE kind = 'invitation' AND organisation_id = $1`,
    [w.a.school.id],
  );
  const links = mails.map((m) => {
    const link = /https?:\/\/\S+\/invitation\/([A-Za-z0-9_-]{20,})/.exec(m.text);
    if (!link) throw new Error(`invitation mail ${m.id} without its link`);
    return { url: link[0], token: link[1] };
  });
  if (links.length < 2) throw new Error(`${links.length} invitation mails, expected the fixtures' two`);
  w.inside['own staff']?.strings.push(...mails.map((m) => m.id), ...links.flatMap((l) => [l.url, l.token]));
  w.secrets.push(...mails.map((m) => m.id), ...links.map((l) => l.token));
}

/**
 * Inside school A, beside A's own people: a classmate (a second learner of the school) placed at a
 * second host company of the school, whose mentor is named on that mobility; and an invitation to
 * join the school, with the person's name. Each carries strings found nowhere else.
 */
async function insideSchool(t: TestApp, a: Tenant): Promise<{ inside: World['inside']; all: string[] }> {
  const as = a.people.coordinator.client;
  const otherHost = (
    await as.post('/api/organisations', {
      name: 'Ybarra Zubizeta Ingenieros S.L.',
      kind: 'company',
      country: 'ES',
      city: 'Bilbao',
      email: 'practicas@ybarra-zubizeta.test',
      registeredByOrganisationId: a.school.id,
    })
  ).body;
  const created = await as.post(`/api/projects/${a.project.id}/mobilities`, {
    ...mobilityBody(a, 'Unused'),
    participant: {
      firstName: 'Quilliam',
      lastName: 'Vexleigh-Ortolan',
      email: 'quilliam.vexleigh@learners.test',
      dateOfBirth: '2006-11-23',
    },
    hostOrganisationId: otherHost.id,
  });
  if (created.status !== 201) throw new Error(`classmate: ${created.status} ${JSON.stringify(created.body)}`);
  const classmate = created.body;
  await t.createUser({ personId: classmate.participant.id }, classmate.participant.email);
  const otherMentor = await t.createUser(
    { role: 'mentor', organisationId: otherHost.id },
    'ysolde.krane@ybarra-zubizeta.test',
  );
  const named = await as.patch(`/api/mobilities/${classmate.id}`, {
    mentorName: 'Ysolde Marchetti-Krane',
    mentorEmail: otherMentor.email,
  });
  if (named.status !== 200) throw new Error(`classmate's mentor: ${named.status} ${JSON.stringify(named.body)}`);
  const invited = await as.post(`/api/organisations/${a.school.id}/invitations`, {
    email: 'wilhelmina.pv@school-a.test',
    role: 'staff',
    name: 'Wilhelmina Pendlebury-Vance',
  });
  if (invited.status !== 201) throw new Error(`invitation: ${invited.status} ${JSON.stringify(invited.body)}`);
  const classmateData = [
    classmate.id,
    classmate.participant.id,
    'Quilliam',
    'Vexleigh-Ortolan',
    'quilliam.vexleigh@learners.test',
    '2006-11-23',
  ];
  const otherHostData = [
    otherHost.id,
    'Ybarra Zubizeta',
    'practicas@ybarra-zubizeta.test',
    otherMentor.userId,
    otherMentor.email,
    'Ysolde',
    'Marchetti-Krane',
  ];
  const invitationData = [
    invited.body.id,
    'wilhelmina.pv@school-a.test',
    'Wilhelmina',
    'Pendlebury-Vance',
    'pending@school-a.test',
  ];
  // What the matrix's own calls invite and revoke as it runs, and any invitation link at all.
  const invitationPatterns = [/(invitee|revoked)\d+@school-a\.test/, /\/invitation\/[A-Za-z0-9_-]{20,}/];
  return {
    inside: {
      'own learner': { strings: [...classmateData, ...otherHostData], patterns: invitationPatterns },
      'own mentor': { strings: [...classmateData, ...otherHostData], patterns: invitationPatterns },
      'own staff': { strings: invitationData, patterns: invitationPatterns },
    },
    all: [...classmateData, ...otherHostData, ...invitationData],
  };
}

function clientOf(w: World, t: TestApp, caller: Caller): HttpClient {
  if (caller === 'anonymous') return t.anonymous;
  const [side, role] = caller.split(' ') as ['own' | 'foreign', Role];
  return (side === 'own' ? w.a : w.b).people[role].client;
}

function expected(
  entry: Entry | Omit<Entry, 'variants' | 'public'>,
  caller: Caller,
  isPublic: boolean,
): Outcome | 'scoped' {
  const said = entry.expect[caller];
  if (said !== undefined) return said;
  if (caller === 'anonymous') return isPublic ? 200 : 401;
  // B's people: a record of A's does not exist for them; a list answers without A's data.
  return (entry as Entry).list ? 'scoped' : 404;
}

function verdict(outcome: Outcome | 'scoped', result: HttpResult): boolean {
  if (outcome === 'scoped') return result.status === 200;
  if (outcome === 'ok')
    return (result.status >= 200 && result.status < 300) || result.status === 409 || result.status === 412;
  return result.status === outcome;
}

describe('access matrix (every operation of the OpenAPI document × every role × own or foreign record)', () => {
  let t: TestApp;
  let w: World;
  const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );

  beforeAll(async () => {
    t = await startTestApp(new Date('2026-03-02T10:00:00Z'), { RATE_LIMIT_PER_MINUTE: '100000' });
    const a = await tenant(t, t.coordinator, t.school.id, 'A');
    const inside = await insideSchool(t, a);
    const [schoolB] = await t.db.query(
      `INSERT INTO organisation (name, kind, country, city, email, time_zone) VALUES ('Other school', 'vet-provider', 'AT', 'Graz', 'other@school-b.test', 'Europe/Vienna') RETURNING id`,
    );
    const b = await tenant(
      t,
      await t.createUser({ role: 'coordinator', organisationId: schoolB.id }, 'coordinator@school-b.test'),
      schoolB.id,
      'B',
    );
    const tasks = (await t.get(`/api/mobilities/${a.mobility.id}/tasks`)).body as any[];
    const task = (role: string) =>
      tasks.find((x) => x.role === role && x.key !== 'host-confirmation' && x.status === 'open');
    const [outbox] = await t.db.query(`SELECT id FROM outbox WHERE mobility_id = $1 LIMIT 1`, [a.mobility.id]);
    const [caught] = await t.db.query(
      `INSERT INTO caught_mail (envelope_to, subject, text) VALUES (ARRAY[$1], 'Demo mail', 'caught by the demo catcher') RETURNING id`,
      [a.people.coordinator.email],
    );
    const invitation = await t.post(`/api/organisations/${a.school.id}/invitations`, {
      email: 'pending@school-a.test',
      role: 'staff',
    });
    const exported = await t.post(`/api/projects/${a.project.id}/exports`, { kind: 'final-report', format: 'xlsx' });
    if (exported.status !== 202) throw new Error(`export: ${exported.status} ${JSON.stringify(exported.body)}`);
    const imported = await t.post(`/api/projects/${a.project.id}/imports?dryRun=true`, MULTIPART_CSV, {
      'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}`,
    });
    if (imported.status !== 202) throw new Error(`import: ${imported.status} ${JSON.stringify(imported.body)}`);
    const importId = imported.body.id as string;
    w = {
      a,
      b,
      tasks: { host: task('host'), learner: task('learner'), sending: task('sending') },
      outboxId: outbox.id,
      exportId: exported.body.id,
      importId,
      caughtMailId: caught.id,
      invitationId: invitation.body.id,
      secrets: [
        a.mobility.id,
        a.project.id,
        a.host.id,
        a.project.reference,
        a.project.title,
        a.host.name,
        a.mobility.participant.email,
        a.mobility.participant.lastName,
        '2007-04-19',
        a.people.staff.email,
        a.people.mentor.email,
        a.people.coordinator.email,
        a.school.name,
        'pending@school-a.test',
        invitation.body.id,
        outbox.id,
        ...inside.all,
      ],
      inside: inside.inside,
    };
    for (const [name, value] of Object.entries(w.tasks)) if (!value) throw new Error(`no open ${name} task`);
    await addInvitationLinks(t, w);
  }, 120_000);

  afterAll(() => t?.close());

  it('has an entry for every operation in the document, and none for an operation that is gone', () => {
    expect(operations.filter((op) => !MATRIX[op])).toEqual([]);
    expect(Object.keys(MATRIX).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('marks exactly the public entries public in the document, and every other operation needs the session', () => {
    for (const op of operations) {
      const [method, path] = op.split(' ');
      const operation = document.paths[path][method.toLowerCase()] as {
        security?: unknown[];
        responses: Record<string, unknown>;
      };
      if (MATRIX[op]?.public) {
        expect({ op, security: operation.security }).toEqual({ op, security: [] });
      } else {
        expect({ op, security: operation.security }).toEqual({ op, security: [{ session: [] }] });
        expect(Object.keys(operation.responses)).toContain('401');
      }
    }
  });

  it('answers every operation × caller as the matrix says; nothing of A reaches B or anonymous, nor one of A’s people what is another’s', async () => {
    const mismatches: string[] = [];
    const leaks: string[] = [];
    for (const op of operations) {
      const entry = MATRIX[op];
      if (!entry) continue;
      const method = op.split(' ')[0];
      for (const [index, variant] of [entry, ...(entry.variants ?? [])].entries()) {
        for (const caller of entry.only ?? CALLERS) {
          const call = await variant.call(w, t);
          const result = await clientOf(w, t, caller).request(
            method,
            call.url,
            call.body ?? (method === 'GET' || method === 'DELETE' ? undefined : {}),
            call.headers,
          );
          const outcome = expected(variant, caller, Boolean(entry.public));
          const label = `${op}${index ? ` (variant ${index})` : ''} as ${caller}`;
          if (!verdict(outcome, result))
            mismatches.push(
              `${label}: expected ${outcome}, got ${result.status} ${JSON.stringify(result.body).slice(0, 160)}`,
            );
          // A list's total counts only what the caller may see (every page here holds all of it).
          if (
            entry.list &&
            result.status === 200 &&
            Array.isArray(result.body?.items) &&
            result.body.total !== result.body.items.length
          ) {
            leaks.push(`${label}: total ${result.body.total} but ${result.body.items.length} items visible`);
          }
          // A problem may name the id the caller sent (in its URL); nothing else they may not see may appear.
          const text = JSON.stringify(result.body ?? '');
          if (!caller.startsWith('own')) {
            const found = w.secrets.filter((s) => !call.url.includes(s) && text.includes(s));
            if (found.length) leaks.push(`${label}: ${found.join(', ')}`);
          }
          const inside = w.inside[caller];
          if (inside) {
            const found = [
              ...inside.strings.filter((s) => !call.url.includes(s) && text.includes(s)),
              ...inside.patterns.flatMap((p) => p.exec(text)?.[0] ?? []),
            ];
            if (found.length) leaks.push(`${label} (inside the school): ${found.join(', ')}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('lists show each role its own: the school sees its mobility, the mentor what the host hosts, the learner only their own', async () => {
    const ids = async (client: HttpClient, url: string) =>
      ((await client.get(url)).body.items as { id: string }[]).map((i) => i.id);
    for (const role of ROLES)
      expect(await ids(w.a.people[role].client, '/api/mobilities?pageSize=100')).toContain(w.a.mobility.id);
    expect(await ids(w.a.people.learner.client, '/api/mobilities?pageSize=100')).toEqual([w.a.mobility.id]);
    expect(await ids(w.a.people.mentor.client, '/api/organisations?pageSize=100')).toEqual([w.a.host.id]);
    expect(await ids(w.a.people.coordinator.client, '/api/projects?pageSize=100')).toContain(w.a.project.id);
    expect(await ids(w.a.people.mentor.client, '/api/projects?pageSize=100')).toEqual([]);
    expect(await ids(w.a.people.learner.client, '/api/outbox?pageSize=100')).toEqual([]);
    expect(await ids(w.a.people.coordinator.client, '/api/outbox?pageSize=100')).toContain(w.outboxId);
    expect(await ids(w.b.people.coordinator.client, '/api/mobilities?pageSize=100')).toEqual([w.b.mobility.id]);
    // Tasks across mobilities: the mentor the host's, the learner their own, each of A's mobility only.
    const tasks = async (client: HttpClient) =>
      (await client.get('/api/tasks?status=open&pageSize=100')).body.items as {
        role: string;
        mobility: { id: string };
      }[];
    const mentorTasks = await tasks(w.a.people.mentor.client);
    expect(new Set(mentorTasks.map((x) => x.role))).toEqual(new Set(['host']));
    expect(mentorTasks.map((x) => x.mobility.id)).toContain(w.a.mobility.id);
    const hosted = (await t.db.query(`SELECT id FROM mobility WHERE host_organisation_id = $1`, [w.a.host.id])).map(
      (r: { id: string }) => r.id,
    );
    for (const task of mentorTasks) expect(hosted).toContain(task.mobility.id);
    expect(new Set((await tasks(w.a.people.learner.client)).map((x) => `${x.role} ${x.mobility.id}`))).toEqual(
      new Set([`learner ${w.a.mobility.id}`]),
    );
    expect((await tasks(w.b.people.coordinator.client)).map((x) => x.mobility.id)).not.toContain(w.a.mobility.id);
  });

  it('a host mentor sees the learner’s name, dates and contact and the host’s tasks, never the date of birth', async () => {
    const asMentor = await w.a.people.mentor.client.get(`/api/mobilities/${w.a.mobility.id}`);
    expect(asMentor.status).toBe(200);
    expect(asMentor.body.participant).toEqual(
      expect.objectContaining({ firstName: 'Lena', email: w.a.mobility.participant.email, dateOfBirth: null }),
    );
    expect(JSON.stringify(asMentor.body)).not.toContain('2007-04-19');
    expect(asMentor.body).toEqual(
      expect.objectContaining({ yourRole: 'mentor', startDate: '2026-06-01', endDate: '2026-06-28' }),
    );
    expect([...asMentor.body.allowedEvents].sort()).toEqual(['HOST_CONFIRM', 'HOST_DECLINE']);
    const tasks = (await w.a.people.mentor.client.get(`/api/mobilities/${w.a.mobility.id}/tasks`)).body as {
      role: string;
    }[];
    expect(tasks.length).toBeGreaterThan(0);
    expect(new Set(tasks.map((x) => x.role))).toEqual(new Set(['host']));

    const asCoordinator = await t.get(`/api/mobilities/${w.a.mobility.id}`);
    expect(asCoordinator.body.participant.dateOfBirth).toBe('2007-04-19');
    expect(asCoordinator.body.allowedEvents).not.toContain('HOST_CONFIRM');
    expect(asCoordinator.body.allowedEvents).toContain('WITHDRAW');
    const asLearner = await w.a.people.learner.client.get(`/api/mobilities/${w.a.mobility.id}`);
    expect(asLearner.body).toEqual(expect.objectContaining({ yourRole: 'learner', allowedEvents: [] }));
    expect(asLearner.body.participant.dateOfBirth).toBe('2007-04-19');
    const learnerTasks = (await w.a.people.learner.client.get(`/api/mobilities/${w.a.mobility.id}/tasks`)).body as {
      role: string;
    }[];
    expect(new Set(learnerTasks.map((x) => x.role))).toEqual(new Set(['learner']));
  });

  it('another organisation’s ids in a body or a filter find nothing', async () => {
    const b = w.b.people.coordinator.client;
    const ownProjectForeignHost = await b.post(`/api/projects/${w.b.project.id}/mobilities`, {
      ...mobilityBody(w.b, 'ForeignHost'),
      hostOrganisationId: w.a.host.id,
    });
    expect(ownProjectForeignHost.status).toBe(404);
    expect(ownProjectForeignHost.body.errors?.[0]?.field ?? ownProjectForeignHost.body.detail).toBeDefined();
    expect((await b.patch(`/api/mobilities/${w.b.mobility.id}`, { hostOrganisationId: w.a.host.id })).status).toBe(404);
    expect((await b.get(`/api/outbox?mobilityId=${w.a.mobility.id}`)).body.total).toBe(0);
    expect((await b.get(`/api/mobilities?projectId=${w.a.project.id}`)).body.total).toBe(0);
    expect((await b.get(`/api/mobilities?hostOrganisationId=${w.a.host.id}`)).body.total).toBe(0);
    expect(
      (
        await b.post('/api/organisations', {
          name: 'Sneaky',
          kind: 'company',
          country: 'ES',
          city: 'Cádiz',
          registeredByOrganisationId: w.a.school.id,
        })
      ).status,
    ).toBe(404);
  });

  it('someone working for two organisations cannot carry one’s mobility into the other’s reach', async () => {
    // Staff at school A and mentor at a host company school B registered.
    const bHost = (
      await w.b.people.coordinator.client.post('/api/organisations', {
        name: 'B’s host',
        kind: 'company',
        country: 'ES',
        city: 'Toledo',
        registeredByOrganisationId: w.b.school.id,
      })
    ).body;
    const both = await t.createUser({ role: 'staff', organisationId: w.a.school.id }, 'both@two-schools.test');
    await t.addMembership(both.userId, bHost.id, 'mentor');
    const created = await both.client.post(`/api/projects/${w.a.project.id}/mobilities`, {
      ...mobilityBody(w.a, 'Carried'),
      hostOrganisationId: bHost.id,
    });
    expect(created.status).toBe(404);
    expect(created.body.errors).toEqual([expect.objectContaining({ field: 'hostOrganisationId' })]);
    expect(
      (await both.client.patch(`/api/mobilities/${w.a.mobility.id}`, { hostOrganisationId: bHost.id })).status,
    ).toBe(404);
    // B's coordinator, made a mentor of B's own host company, still finds nothing of A's.
    await t.addMembership(w.b.people.coordinator.userId, bHost.id, 'mentor');
    expect((await w.b.people.coordinator.client.get(`/api/mobilities/${w.a.mobility.id}`)).status).toBe(404);
  });

  it('project references are unique per school: another school’s reference is neither revealed nor blocked', async () => {
    const body = {
      reference: w.b.project.reference,
      title: 'Same grant number, other school',
      action: 'KA122-VET',
      callYear: 2026,
      beneficiaryOrganisationId: w.a.school.id,
      startDate: '2026-01-01',
      endDate: '2027-06-30',
    };
    expect((await t.post('/api/projects', body)).status).toBe(201);
    // Within one school it stays unique.
    expect((await t.post('/api/projects', body)).status).toBe(409);
  });

  it('the identity comes from the session only: a user id or organisation in a header or the body changes nothing', async () => {
    const forged = await w.b.people.coordinator.client.get(`/api/mobilities/${w.a.mobility.id}`, {
      'x-user-id': w.a.people.coordinator.userId,
      'x-organisation-id': w.a.school.id,
    });
    expect(forged.status).toBe(404);
    const created = await w.b.people.coordinator.client.post(`/api/projects/${w.a.project.id}/mobilities`, {
      ...mobilityBody(w.a, 'Forged'),
      userId: w.a.people.coordinator.userId,
    });
    expect(created.status).toBe(400); // unknown field refused before anything; and without it:
    expect(
      (
        await w.b.people.coordinator.client.post(
          `/api/projects/${w.a.project.id}/mobilities`,
          mobilityBody(w.a, 'Forged'),
        )
      ).status,
    ).toBe(404);
    expect(await t.db.query(`SELECT 1 FROM person WHERE last_name = 'MatrixForged'`)).toEqual([]);
  });
});
