import type { FastifyRequest } from 'fastify';
import type { Identity } from '../../common/identity';
import { Problems } from '../../common/problem/problem';
import type { MailboxMode } from '../../config/app-config';
import { isLoopbackAddress, isLoopbackHost } from '../../config/loopback';

/** Who reads the Mailbox: every message (the public demo, on this computer), or one person's own. */
export type MailboxReader = { readonly scope: 'all' } | { readonly scope: 'mine'; readonly identity: Identity };

/** What the Mailbox needs to know of a request: where it comes from and which host it names. */
export interface MailboxRequest {
  /** The client's address (Fastify's `request.ip`: X-Forwarded-For only from trusted proxies). */
  readonly ip: string;
  readonly headers: FastifyRequest['headers'];
}

/**
 * Decides who reads the Mailbox, before any query:
 * - no catcher (SMTP_URL set): 404, whoever asks;
 * - the public demo (PUBLIC_DEMO_MAILBOX=true): every message, but only to a request made on this
 *   computer; any other request is answered as by the private Mailbox;
 * - the private Mailbox: a signed-in person (401 without a session), their own mail only.
 */
export function mailboxReaderOf(mode: MailboxMode, identity: Identity | null, request: MailboxRequest): MailboxReader {
  if (mode === 'off') throw Problems.notFound('Mailbox', 'embedded', 'SMTP_URL');
  if (mode === 'public-demo' && fromThisComputer(request)) return { scope: 'all' };
  if (!identity)
    throw Problems.unauthorized(
      'signed-out',
      'Not signed in',
      'The Mailbox shows each person the e-mail addressed to them: sign in to read yours.',
    );
  return { scope: 'mine', identity };
}

/**
 * A request from a browser on this computer: its client address is loopback (behind a trusted
 * proxy, the address the proxy reports), it names a loopback host (a page of another site that
 * re-points its name at 127.0.0.1 — DNS rebinding — still names its own host), and it did not
 * pass through a proxy (one on this computer would make a remote visitor look local).
 */
export function fromThisComputer(request: MailboxRequest): boolean {
  const headers = request.headers;
  const forwarded = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'].some(
    (name) => headers[name] !== undefined,
  );
  return !forwarded && isLoopbackAddress(request.ip) && isLoopbackHost(headers.host);
}
