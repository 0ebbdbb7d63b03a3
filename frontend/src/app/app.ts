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
  RouterOutlet,
} from '@angular/router';
import { Session } from './core/auth/session';
import { NotificationsOutlet } from './layout/notifications-outlet';

/**
 * Which frame the current page gets: `app`, the app's (navigation, who is signed in), or
 * `plain` (route data `layout: 'plain'`: pages opened from an e-mail or for signing in, used
 * without an account — no navigation). `pending` until the first navigation ends, so that neither
 * flashes on a page that does not get it.
 */
export type Layout = 'pending' | 'app' | 'plain';

@Component({
  selector: 'app-root',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, NotificationsOutlet],
  templateUrl: './app.html',
  styleUrl: './app.css',
  // Global, scoped by hand to app-root (see app.css): fewer bytes in the initial bundle.
  encapsulation: ViewEncapsulation.None,
  host: { '[class.plain]': "layout() !== 'app'", '(keydown.escape)': 'closeMenu(true)' },
})
export class App {
  private readonly router = inject(Router);
  private readonly main = viewChild.required<ElementRef<HTMLElement>>('main');
  private readonly accountSlot = viewChild.required('accountSlot', { read: ViewContainerRef });
  private readonly navSlot = viewChild.required('navSlot', { read: ViewContainerRef });
  private readonly statusSlot = viewChild.required('statusSlot', { read: ViewContainerRef });
  private readonly menuButton = viewChild.required<ElementRef<HTMLButtonElement>>('menuButton');
  private readonly session = inject(Session);

  protected readonly layout = signal<Layout>('pending');
  /** On narrow screens the navigation is a menu behind the "Menu" button (CSS hides the button elsewhere). */
  protected readonly menuOpen = signal(false);

  protected readonly productName = 'Mobility Hub';

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
      this.menuOpen.set(false);
      const next = event.urlAfterRedirects.split(/[?#]/)[0];
      if (path !== null && next !== path) this.focusMain();
      path = next;
    });
    inject(DestroyRef).onDestroy(() => navigations.unsubscribe());

    // Who is signed in, asked once at the start (GET /api/auth/session: "not signed in" is an answer).
    void this.session.load();

    // The account corner, the navigation's items (which depend on who is signed in) and the footer's
    // API status (coordinators only) follow in a lazy chunk: the initial bundle keeps to its budget. (They are in the
    // page's structure from the start: only their content waits.)
    afterNextRender(
      () =>
        void import('./layout/shell-parts').then(({ AccountMenu, FooterStatus, MainNav }) => {
          this.accountSlot().createComponent(AccountMenu);
          this.navSlot().createComponent(MainNav);
          this.statusSlot().createComponent(FooterStatus);
        }),
    );
  }

  protected toggleMenu(): void {
    this.menuOpen.update((open) => !open);
  }

  /** Escape closes the menu and gives focus back to its button. */
  protected closeMenu(refocus: boolean): void {
    if (!this.menuOpen()) return;
    this.menuOpen.set(false);
    if (refocus) this.menuButton().nativeElement.focus();
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
