/** How often link mails (password reset, sign-in link) may go to one address, per kind. */
export interface LinkMailLimit {
  /** Seconds after a link mail before the next one of its kind may go to the same address. */
  readonly cooldownSeconds: number;
  /** Link mails of one kind to one address within any hour (a rolling hour). */
  readonly perHour: number;
}

const HOUR_MS = 3_600_000;

export type LinkMailDecision =
  | { readonly allowed: true; /** The send times to keep: those of the last hour, and now. */ readonly sentAt: Date[] }
  | { readonly allowed: false };

/**
 * Whether another link mail of a kind may go to an address at `now`, given when the earlier ones
 * went. A refused request changes nothing (the last link sent keeps working).
 */
export function nextLinkMail(sentAt: readonly Date[], now: Date, limit: LinkMailLimit): LinkMailDecision {
  const ago = (t: Date) => now.getTime() - t.getTime();
  const recent = sentAt.filter((t) => ago(t) < HOUR_MS);
  if (recent.length >= limit.perHour) return { allowed: false };
  if (recent.some((t) => ago(t) < limit.cooldownSeconds * 1000)) return { allowed: false };
  return { allowed: true, sentAt: [...recent, now] };
}
