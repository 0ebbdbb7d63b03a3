import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { Subject, startWith, switchMap, tap } from 'rxjs';
import { ApiHealth, ApiHealthService } from '@app/core/api-health';

/** Footer indicator: "API: up" / "API: down", announced politely to screen readers. */
@Component({
  selector: 'app-api-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p class="api-status" role="status" aria-live="polite" aria-atomic="true">
      <span class="dot" [attr.data-state]="state()" aria-hidden="true"></span>
      <span data-testid="api-status-text">{{ label() }}</span>
    </p>
    <button type="button" class="recheck" (click)="recheck()">Check API again</button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 0.75rem;
    }
    .api-status {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
    }
    .dot {
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border-radius: 50%;
      background: var(--mh-muted);
    }
    .dot[data-state='up'] {
      background: var(--mh-success);
    }
    .dot[data-state='down'] {
      background: var(--mh-danger);
    }
    .recheck {
      font: inherit;
      font-size: 0.8125rem;
      padding: 0.25rem 0.625rem;
      border: 1px solid var(--mh-border);
      border-radius: 999px;
      background: var(--mh-surface);
      color: var(--mh-text);
      cursor: pointer;
    }
    .recheck:hover {
      background: var(--mh-surface-hover);
    }
  `,
})
export class ApiStatus {
  private readonly health = inject(ApiHealthService);
  private readonly refresh$ = new Subject<void>();

  protected readonly state = signal<ApiHealth | 'unknown'>('unknown');
  protected readonly label = computed(() => {
    const state = this.state();
    return state === 'unknown' ? 'API: checking…' : `API: ${state}`;
  });

  constructor() {
    // (DestroyRef rather than takeUntilDestroyed: rxjs-interop would weigh on the initial bundle.)
    const checks = this.refresh$
      .pipe(
        startWith(undefined),
        // Show "checking…" so a repeated, unchanged answer is still announced.
        tap(() => this.state.set('unknown')),
        switchMap(() => this.health.check()),
      )
      .subscribe((state) => this.state.set(state));
    inject(DestroyRef).onDestroy(() => checks.unsubscribe());
  }

  protected recheck(): void {
    this.refresh$.next();
  }
}
