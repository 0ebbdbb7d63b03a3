import { isMailKind, MailKind } from '@mobility-hub/domain';
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The links inside e-mails. A mute link carries (recipient, kind) signed with HMAC-SHA256, so
 * nobody can mute someone else's e-mails by guessing; it does not expire (an old e-mail's
 * "stop e-mails like this" keeps working) and muting is always undoable.
 */
export class MailLinks {
  constructor(
    private readonly publicUrl: string,
    private readonly secret: string,
  ) {}

  mobility(mobilityId: string): string {
    return `${this.publicUrl}/mobilities/${mobilityId}`;
  }

  project(projectId: string): string {
    return `${this.publicUrl}/projects/${projectId}`;
  }

  /** The host's one-click page to confirm or decline a placement (no account needed). */
  hostPlacement(token: string): string {
    return `${this.publicUrl}/host/placement/${token}`;
  }

  passwordReset(token: string): string {
    return `${this.publicUrl}/reset-password/${token}`;
  }

  /** An invitation to join an organisation (one use, a week). */
  invitation(token: string): string {
    return `${this.publicUrl}/invitation/${token}`;
  }

  signInLink(token: string): string {
    return `${this.publicUrl}/sign-in/link/${token}`;
  }

  mute(recipient: string, kind: MailKind): string {
    return `${this.publicUrl}/mute/${this.muteToken(recipient, kind)}`;
  }

  muteToken(recipient: string, kind: MailKind): string {
    const payload = Buffer.from(JSON.stringify({ r: recipient.toLowerCase(), k: kind })).toString('base64url');
    return `${payload}.${this.sign(payload)}`;
  }

  /** The (recipient, kind) of a genuine token; null for anything forged, truncated or malformed. */
  readMuteToken(token: string): { recipient: string; kind: MailKind } | null {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const { r, k } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { r?: unknown; k?: unknown };
      if (typeof r !== 'string' || typeof k !== 'string' || !isMailKind(k)) return null;
      return { recipient: r, kind: k };
    } catch {
      return null;
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`mute:${payload}`).digest('base64url');
  }
}
