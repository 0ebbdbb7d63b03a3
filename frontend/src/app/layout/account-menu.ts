import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { NavigationEnd, Router, RouterLink, RouterLinkActive } from '@angular/router';
import { Session } from '@app/core/auth/session';
import { Notifications } from '@app/core/notifications';

/**
 * The top bar's account corner: "Signed in as …" (the name leads to the account page) and "Sign out", or "Sign in" (which comes back to
 * the page after signing in). Nothing while the session is loading or unknown (the API status in
 * the footer then says why). Loaded lazily by the shell (see app.ts) to spare the initial bundle.
 */
@Component({
  selector: 'app-account-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  host: { class: 'account', 'data-testid': 'account' },
  template: `
    @switch (session.status()) {
      @case ('signed-in') {
        <p class="who" data-testid="signed-in-as">
          <span class="who-label">Signed in as </span>
          <a routerLink="/account" ariaCurrentWhenActive="page" routerLinkActive="current"
            ><strong>{{ session.user()?.displayName }}</strong></a
          >
        </p>
        <button type="button" class="action" [attr.aria-disabled]="busy() ? 'true' : null" (click)="signOut()">
          Sign out
        </button>
      }
      @case ('signed-out') {
        <a class="action" routerLink="/sign-in" [queryParams]="returnTo()">Sign in</a>
      }
    }
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      gap: 0.75rem;
      font-size: 0.875rem;
    }
    .who {
      margin: 0;
    }
    /* Narrow screens: the name alone (still read out in full), so the top bar stays one line. */
    @media (max-width: 30rem) {
      .who-label {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
        white-space: nowrap;
      }
      .who a {
        display: inline-block;
        max-inline-size: 7rem;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
        vertical-align: bottom;
      }
    }
    .who a {
      color: inherit;
      text-underline-offset: 0.2em;
    }
    .action {
      font: inherit;
      font-weight: 600;
      padding: 0.3125rem 0.75rem;
      border: 1px solid var(--mh-accent);
      border-radius: var(--mh-radius);
      background: var(--mh-surface);
      color: var(--mh-accent);
      text-decoration: none;
      white-space: nowrap;
      cursor: pointer;
    }
    .action:hover {
      background: var(--mh-accent-soft);
    }
  `,
})
export class AccountMenu {
  private readonly router = inject(Router);
  private readonly notifications = inject(Notifications);

  protected readonly session = inject(Session);
  protected readonly busy = signal(false);
  /** `?returnTo=` the page shown now, so that signing in comes back to it (not for the start page). */
  protected readonly returnTo = signal(returnToOf(this.router.url));

  constructor() {
    const navigations = this.router.events.subscribe((event) => {
      if (event instanceof NavigationEnd) this.returnTo.set(returnToOf(event.urlAfterRedirects));
    });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());
  }

  protected async signOut(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await this.session.signOut();
      this.notifications.show('info', 'You are signed out.');
      await this.router.navigateByUrl('/sign-in');
    } catch {
      this.notifications.show('error', 'You are still signed in: the server could not be reached. Try again.');
    } finally {
      this.busy.set(false);
    }
  }
}

function returnToOf(url: string): { returnTo: string } | null {
  return url === '/' ? null : { returnTo: url };
}
