import { createHash } from 'node:crypto';

/**
 * How a bearer secret (session cookie, e-mailed link) is stored: its SHA-256, with the kind of
 * secret mixed in so a value of one kind never matches a row of another. The secrets are 256
 * random bits, so a fast hash is enough (passwords use argon2id).
 */
export function hashSecret(kind: 'session' | 'action', secret: string): Buffer {
  return createHash('sha256').update(`${kind}:${secret}`).digest();
}
