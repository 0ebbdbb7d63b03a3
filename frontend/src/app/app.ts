import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  viewChild,
} from '@angular/core';
import {
  NavigationEnd,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { filter } from 'rxjs';
import { ApiStatus } from './layout/api-status';
import { NotificationsOutlet } from './layout/notifications-outlet';

interface NavItem {
  readonly path: string;
  readonly label: string;
  /** SVG path data for a 24×24 stroke icon (decorative). */
  readonly icon: string;
}

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, ApiStatus, NotificationsOutlet],
  templateUrl: './app.html',
  styleUrl: './app.css',
})
export class App {
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');

  protected readonly productName = 'Mobility Hub';
  protected readonly navItems: readonly NavItem[] = [
    {
      path: '/projects',
      label: 'Projects',
      icon: 'M3 7h18v13H3zM8 7V4h8v3',
    },
    {
      path: '/mobilities',
      label: 'Mobilities',
      icon: 'M2 16l20-8-9 13-2-6zM11 15l11-7',
    },
    {
      path: '/organisations',
      label: 'Organisations',
      icon: 'M4 21V5l8-3v19M12 9h8v12M8 8h.01M8 12h.01M8 16h.01M16 13h.01M16 17h.01M2 21h20',
    },
    { path: '/outbox', label: 'Outbox', icon: 'M3 5h18v14H3zM3 6l9 7 9-7' },
    { path: '/mailbox', label: 'Mailbox', icon: 'M3 13h5l2 3h4l2-3h5M6 5h12l3 8v6H3v-6z' },
  ];

  constructor() {
    // After an in-app navigation to another page, move focus to the new content so keyboard and
    // screen-reader users start reading there. Not on the page load (the first navigation), and not
    // when only the query changes (a filter, the open message): focus stays where the user is.
    // (DestroyRef rather than takeUntilDestroyed: rxjs-interop would weigh on the initial bundle.)
    let path: string | null = null;
    const navigations = this.router.events
      .pipe(filter((event) => event instanceof NavigationEnd))
      .subscribe((event) => {
        const next = event.urlAfterRedirects.split(/[?#]/)[0];
        if (path !== null && next !== path) this.focusMain();
        path = next;
      });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());
  }

  protected skipToMain(event: Event): void {
    // A plain "#main-content" href would resolve against <base href="/"> and reload the app.
    event.preventDefault();
    this.focusMain();
  }

  private focusMain(): void {
    this.main().nativeElement.focus();
  }
}
