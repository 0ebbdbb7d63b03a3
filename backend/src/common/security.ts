import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PROBLEM_CONTENT_TYPE, Problems } from './problem/problem';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Security headers (helmet), no caching of API answers, and cross-site request refusal.
 *
 * HSTS only where the app is served over HTTPS (`httpsOnly`, the secure-cookie setting): over plain
 * HTTP the header means nothing to a browser, and says something untrue about the install.
 *
 * Caching: every /api answer is `Cache-Control: no-store` unless its route sets its own policy —
 * answers carry personal data and must not stay in a shared or browser cache. The dashboard's static
 * files keep the caching @fastify/static gives them.
 *
 * CSP: scripts only from this origin; inline styles allowed (Angular's component styles and the
 * e-mails shown in the Mailbox use them); no framing of the app by others.
 *
 * Cross-site requests: the session is a cookie, so a change must come from our own pages. The
 * browser says where a request comes from (`Sec-Fetch-Site`, or `Origin` in older browsers); an
 * unsafe method from another site is refused with 403 before any route runs. With JSON-only
 * bodies (anything else is a 415) and no CORS, this is the OWASP "fetch metadata" defence, and it
 * needs no token plumbing in the client.
 */
export async function configureSecurity(app: NestFastifyApplication, httpsOnly: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only where the app is served over HTTPS: on a plain-HTTP test install it would break every request.
        upgradeInsecureRequests: httpsOnly ? [] : null,
      },
    },
    // The Mailbox shows e-mails in a sandboxed srcdoc frame of our own origin.
    crossOriginEmbedderPolicy: false,
    // helmet's default (one year, subdomains), but only over HTTPS.
    strictTransportSecurity: httpsOnly ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    if (isApiPath(request.url) && !reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!UNSAFE_METHODS.has(request.method)) return;
    if (!isCrossSite(request.headers['sec-fetch-site'], request.headers['origin'], request.headers['host'])) return;
    const problem = {
      ...Problems.fromStatus(
        403,
        'Changes are accepted only from Mobility Hub’s own pages (cross-site request refused).',
      ),
      instance: request.url.split('?')[0],
    };
    return reply.status(403).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  });
}

function isApiPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/api' || path.startsWith('/api/');
}

export function isCrossSite(
  secFetchSite: string | string[] | undefined,
  origin: string | string[] | undefined,
  host: string | undefined,
): boolean {
  if (typeof secFetchSite === 'string') return secFetchSite === 'cross-site' || secFetchSite === 'same-site';
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return origin === 'null'; // an opaque origin (sandboxed frame, file:) is never one of our pages
}
