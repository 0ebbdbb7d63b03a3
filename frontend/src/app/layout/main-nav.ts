import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { inArea, teamOrganisationOf, type Area } from '@app/core/auth/roles';
import { Session } from '@app/core/auth/session';

interface NavItem {
  readonly path: string;
  readonly label: string;
  /** SVG path data for a 24×24 stroke icon (decorative). */
  readonly icon: string;
  /** Who sees it: people working in this area (see core/auth/roles); `open` also nobody signed in. */
  readonly area: Area | 'open';
  /** Current only on this very page (Organisations, not the team pages below it). */
  readonly exact?: boolean;
}

/** The main navigation, in order; each person sees the items of their areas. */
export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/projects', label: 'Projects', icon: 'M3 7h18v13H3zM8 7V4h8v3', area: 'sending' },
  { path: '/mobilities', label: 'Mobilities', icon: 'M2 16l20-8-9 13-2-6zM11 15l11-7', area: 'sending' },
  {
    path: '/organisations',
    label: 'Organisations',
    icon: 'M4 21V5l8-3v19M12 9h8v12M8 8h.01M8 12h.01M8 16h.01M16 13h.01M16 17h.01M2 21h20',
    area: 'sending',
    exact: true,
  },
  // Its path becomes the team page of the first organisation the person coordinates (see `items`).
  {
    path: '/team',
    label: 'Team',
    icon: 'M9 11a4 4 0 100-8 4 4 0 000 8zM1 21v-2a6 6 0 0112 0v2M17 11a3 3 0 100-6M23 21v-2a5 5 0 00-4-5',
    area: 'coordinator',
  },
  { path: '/outbox', label: 'Outbox', icon: 'M3 5h18v14H3zM3 6l9 7 9-7', area: 'sending' },
  // The demo's mail catcher: each signed-in person reads their own mail there (or, in the public demo on one's own
  // computer, everyone's). In the navigation of the sending side, and of nobody signed in: the quick start's public
  // demo shows them every message; a private Mailbox asks them to sign in.
  { path: '/mailbox', label: 'Mailbox', icon: 'M3 13h5l2 3h4l2-3h5M6 5h12l3 8v6H3v-6z', area: 'open' },
  { path: '/host', label: 'Placements', icon: 'M3 8h18v12H3zM8 8V5h8v3M3 13h18', area: 'host' },
  { path: '/me', label: 'My mobility', icon: 'M12 11a4 4 0 100-8 4 4 0 000 8zM4 21a8 8 0 0116 0', area: 'learner' },
];

/**
 * The items of the main navigation (the shell's `<nav aria-label="Main">`): what the signed-in person
 * may do — the sending side its pages (a coordinator also the team), a mentor the placements, a learner
 * their mobility; nobody signed in, the Mailbox. Nothing while the session is loading, so that no item
 * flashes. Loaded lazily by the shell (see app.ts) with the account corner.
 */
@Component({
  selector: 'app-main-nav',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    <ul>
      @for (item of items(); track item.path) {
        <li>
          <a
            [routerLink]="item.path"
            routerLinkActive="active"
            [routerLinkActiveOptions]="{ exact: !!item.exact }"
            ariaCurrentWhenActive="page"
          >
            <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path [attr.d]="item.icon" /></svg>
            <span>{{ item.label }}</span>
          </a>
        </li>
      }
    </ul>
  `,
})
export class MainNav {
  private readonly session = inject(Session);

  protected readonly items = computed(() => {
    const user = this.session.user();
    if (!user) return this.session.status() === 'loading' ? [] : NAV_ITEMS.filter((item) => item.area === 'open');
    return NAV_ITEMS.filter((item) => inArea(user, item.area === 'open' ? 'sending' : item.area)).map((item) =>
      item.area === 'coordinator' ? { ...item, path: `/organisations/${teamOrganisationOf(user)}/team` } : item,
    );
  });
}
