import { DestroyRef, DOCUMENT, inject, InjectionToken } from '@angular/core';

/** How often list pages look for news (Mailbox, Outbox); tests set it to whatever suits them. */
export const POLL_INTERVAL_MS = new InjectionToken<number>('POLL_INTERVAL_MS', { factory: () => 5_000 });

/**
 * Calls `tick` every `intervalMs` while the page is visible (a background tab does not poll), until
 * the component or service that called it is destroyed. Must run in an injection context.
 */
export function pollWhileVisible(tick: () => void, intervalMs = inject(POLL_INTERVAL_MS)): void {
  const doc = inject(DOCUMENT);
  const handle = setInterval(() => {
    if (doc.visibilityState !== 'hidden') tick();
  }, intervalMs);
  inject(DestroyRef).onDestroy(() => clearInterval(handle));
}
