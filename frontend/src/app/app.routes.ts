import { Routes } from '@angular/router';

/**
 * The shell's routes, kept small for the initial bundle: each group of pages is a lazy chunk with its
 * own route table (and guards), each page a lazy chunk of its own.
 */
export const appRoutes: Routes = [
  {
    // The demo's mail catcher, in the app's layout, without a guard: the public demo Mailbox answers nobody signed in;
    // the private one answers 401 and the page asks to sign in.
    path: 'mailbox',
    title: 'Mailbox · Mobility Hub',
    loadComponent: () => import('./features/mailbox/mailbox-page').then((m) => m.MailboxPage),
  },
  {
    // The pages of signed-in people (signed-in.routes.ts): guarded, by role.
    path: '',
    loadChildren: () => import('./signed-in.routes').then((m) => m.signedInRoutes),
  },
  {
    // The pages used without an account — opened from an e-mail's link, or for signing in — in a lazy
    // chunk of their own (no-account.routes.ts), shown without the app's navigation.
    path: '',
    data: { layout: 'plain' },
    loadChildren: () => import('./no-account.routes').then((m) => m.noAccountRoutes),
  },
  {
    path: '**',
    title: 'Page not found · Mobility Hub',
    loadComponent: () => import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
