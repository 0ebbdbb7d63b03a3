import { Injectable, signal } from '@angular/core';

export interface Notification {
  readonly id: number;
  readonly kind: 'info' | 'error';
  readonly text: string;
  /** Optional action, e.g. "Reload" after a 412. */
  readonly action?: { readonly label: string; readonly run: () => void };
}

/** App-wide messages shown in the status bar's live region (see layout/notifications-outlet). */
@Injectable({ providedIn: 'root' })
export class Notifications {
  private nextId = 1;
  readonly items = signal<readonly Notification[]>([]);

  show(
    kind: Notification['kind'],
    text: string,
    action?: Notification['action'],
    timeoutMs = kind === 'error' ? 0 : 5000,
  ): number {
    const id = this.nextId++;
    this.items.update((list) => [...list, { id, kind, text, action }]);
    if (timeoutMs > 0) setTimeout(() => this.dismiss(id), timeoutMs);
    return id;
  }

  dismiss(id: number): void {
    this.items.update((list) => list.filter((n) => n.id !== id));
  }

  /** Dismisses every message (they belonged to a page that is gone, e.g. when the session ended). */
  clear(): void {
    this.items.set([]);
  }
}
