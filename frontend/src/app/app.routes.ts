import { Routes } from '@angular/router';

/** One lazy chunk per feature; the shell itself stays in the initial bundle. */
export const appRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: 'projects' },
  {
    path: 'projects',
    title: 'Projects · Mobility Hub',
    loadComponent: () =>
      import('./features/projects/projects-page').then((m) => m.ProjectsPage),
  },
  {
    path: 'projects/:projectId',
    title: 'Pipeline · Mobility Hub',
    loadComponent: () => import('./features/board/board-page').then((m) => m.BoardPage),
  },
  {
    path: 'projects/:projectId/mobilities/new',
    title: 'New mobility · Mobility Hub',
    loadComponent: () => import('./features/mobility/new-mobility-page').then((m) => m.NewMobilityPage),
  },
  {
    path: 'mobilities/:mobilityId',
    title: 'Mobility · Mobility Hub',
    loadComponent: () => import('./features/mobility/mobility-page').then((m) => m.MobilityPage),
  },
  {
    path: 'mobilities',
    title: 'Mobilities · Mobility Hub',
    loadComponent: () =>
      import('./features/mobilities/mobilities-page').then(
        (m) => m.MobilitiesPage,
      ),
  },
  {
    path: 'organisations',
    title: 'Organisations · Mobility Hub',
    loadComponent: () =>
      import('./features/organisations/organisations-page').then(
        (m) => m.OrganisationsPage,
      ),
  },
  {
    path: 'outbox',
    title: 'Outbox · Mobility Hub',
    loadComponent: () => import('./features/outbox/outbox-page').then((m) => m.OutboxPage),
  },
  {
    path: 'mailbox',
    title: 'Mailbox · Mobility Hub',
    loadComponent: () => import('./features/mailbox/mailbox-page').then((m) => m.MailboxPage),
  },
  {
    // The pages used without an account — opened from an e-mail's link, or for signing in — in a lazy
    // chunk of their own (no-account.routes.ts), shown without the coordinator's navigation.
    path: '',
    data: { layout: 'plain' },
    loadChildren: () => import('./no-account.routes').then((m) => m.noAccountRoutes),
  },
  {
    path: '**',
    title: 'Page not found · Mobility Hub',
    loadComponent: () =>
      import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
