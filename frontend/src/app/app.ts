import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChild,
  ViewContainerRef,
  ViewEncapsulation,
} from '@angular/core';
import {
  ActivatedRouteSnapshot,
  NavigationEnd,
  NavigationError,
  Router,
  RouterLink,
  RouterLinkActive,
  RouterOutlet,
} from '@angular/router';
import { Session } from './core/auth/session';
import { NotificationsOutlet } from './layout/notifications-outlet';

/**
 * Which frame the current page gets: `app`, the coordinator's (navigation, who is signed in), or
 * `plain` (route data `layout: 'plain'`: pages opened from an e-mail or for signing in, used
 * without an account — no navigation). `pending` until the first navigation ends, so that neither
 * flashes on a page that does not get it.
 */
export type Layout = 'pending' | 'app' | 'plain';

interface NavItem {
  readonly path: string;
  readonly label: string;
  /** SVG path data for a 24×24 stroke icon (decorative). */
  readonly icon: string;
}

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, NotificationsOutlet],
  templateUrl: './app.html',
  styleUrl: './app.css',
  // Global, scoped by hand to app-root (see app.css): fewer bytes in the initial bundle.
  encapsulation: ViewEncapsulation.None,
  host: { '[class.plain]': "layout() !== 'app'" },
})
export class App {
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly accountSlot = viewChild.required('accountSlot', { read: ViewContainerRef });
  private readonly statusSlot = viewChild.required('statusSlot', { read: ViewContainerRef });

  protected readonly layout = signal<Layout>('pending');

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
    // (A plain subscription rather than rxjs's filter(): every byte of the shell counts.)
    let path: string | null = null;
    const navigations = this.router.events.subscribe((event) => {
      if (event instanceof NavigationError && this.layout() === 'pending') this.layout.set('app');
      if (!(event instanceof NavigationEnd)) return;
      this.layout.set(layoutOf(this.router.routerState.snapshot.root));
      const next = event.urlAfterRedirects.split(/[?#]/)[0];
      if (path !== null && next !== path) this.focusMain();
      path = next;
    });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());

    // Who is signed in, asked once at the start (a 401 simply means signed out).
    void inject(Session).load();

    // The account corner and the footer's API status follow in a lazy chunk: the initial bundle
    // keeps to its budget. (They are in the page's structure from the start: only their content waits.)
    afterNextRender(() =>
      void import('./layout/shell-parts').then(({ AccountMenu, ApiStatus }) => {
        this.accountSlot().createComponent(AccountMenu);
        this.statusSlot().createComponent(ApiStatus);
      }),
    );
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

/** The layout asked for by the deepest route of the page (route data `layout`). */
function layoutOf(root: ActivatedRouteSnapshot): Layout {
  let route = root;
  while (route.firstChild) route = route.firstChild;
  return route.data['layout'] === 'plain' ? 'plain' : 'app';
}
