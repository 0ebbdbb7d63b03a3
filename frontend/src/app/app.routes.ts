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
    // The link in every e-mail's footer ("Stop e-mails like this one").
    path: 'mute/:token',
    title: 'E-mail preferences · Mobility Hub',
    loadComponent: () => import('./features/mute/mute-page').then((m) => m.MutePage),
  },
  {
    // The link in the host's placement-request e-mail: confirm (naming the mentor) or decline, no account.
    path: 'host/placement/:token',
    title: 'Placement request · Mobility Hub',
    loadComponent: () => import('./features/host-placement/host-placement-page').then((m) => m.HostPlacementPage),
  },
  {
    path: '**',
    title: 'Page not found · Mobility Hub',
    loadComponent: () =>
      import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
