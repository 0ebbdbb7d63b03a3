import type { FastifyReply } from 'fastify';
import { SESSION_COOKIE } from './auth.service';

/** The session cookie: HttpOnly (no script reads it), SameSite=Lax, Secure outside development. */
export function setSessionCookie(
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    expires: session.expiresAt,
  });
}
