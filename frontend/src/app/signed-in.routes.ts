import { Routes } from '@angular/router';
import { signedIn, toHome } from './core/auth/guards';

const anyone = signedIn();
const sendingSide = signedIn('sending');
const coordinators = signedIn('coordinator');

/**
 * The pages of signed-in people, in a lazy chunk of their own (with their guards, out of the initial
 * bundle). Nobody signed in goes to the sign-in page and comes back; a page outside the person's role
 * sends them to their start page. The API decides record by record (404 / 403); these guards only
 * keep people away from pages that cannot work for them.
 */
export const signedInRoutes: Routes = [
  { path: '', pathMatch: 'full', redirectTo: toHome },
  // The sending side: coordinators and staff of a school.
  {
    path: 'projects',
    title: 'Projects · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/projects/projects-page').then((m) => m.ProjectsPage),
  },
  {
    path: 'projects/:projectId',
    title: 'Pipeline · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/board/board-page').then((m) => m.BoardPage),
  },
  {
    path: 'projects/:projectId/reports',
    title: 'Reports · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/reports/reports-page').then((m) => m.ReportsPage),
  },
  {
    path: 'projects/:projectId/mobilities/new',
    title: 'New mobility · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/mobility/new-mobility-page').then((m) => m.NewMobilityPage),
  },
  {
    path: 'mobilities',
    title: 'Mobilities · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/mobilities/mobilities-page').then((m) => m.MobilitiesPage),
  },
  {
    path: 'organisations',
    title: 'Organisations · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/organisations/organisations-page').then((m) => m.OrganisationsPage),
  },
  {
    path: 'outbox',
    title: 'Outbox · Mobility Hub',
    canActivate: [sendingSide],
    loadComponent: () => import('./features/outbox/outbox-page').then((m) => m.OutboxPage),
  },
  // Coordinators: the people of their organisation, or the mentors of a host company their school registered.
  {
    path: 'organisations/:organisationId/team',
    title: 'Team · Mobility Hub',
    canActivate: [coordinators],
    loadComponent: () => import('./features/team/team-page').then((m) => m.TeamPage),
  },
  {
    path: 'organisations/:organisationId/team/audit',
    title: 'Audit log · Mobility Hub',
    canActivate: [coordinators],
    loadComponent: () => import('./features/team/audit-page').then((m) => m.AuditPage),
  },
  { path: 'organisations/:organisationId/audit', redirectTo: 'organisations/:organisationId/team/audit' },
  // Every role: one mobility file, adapted to what the person is to it (the API answers 404 for others' mobilities).
  {
    path: 'mobilities/:mobilityId',
    title: 'Mobility · Mobility Hub',
    canActivate: [anyone],
    loadComponent: () => import('./features/mobility/mobility-page').then((m) => m.MobilityPage),
  },
  // A host company's mentor.
  {
    path: 'host',
    title: 'Placements · Mobility Hub',
    canActivate: [signedIn('host')],
    loadComponent: () => import('./features/host-home/host-home-page').then((m) => m.HostHomePage),
  },
  // A learner.
  {
    path: 'me',
    title: 'My mobility · Mobility Hub',
    canActivate: [signedIn('learner')],
    loadComponent: () => import('./features/learner-home/learner-home-page').then((m) => m.LearnerHomePage),
  },
  // Everyone (the name in the header leads here): who they are, the password, signing out everywhere. The
  // start page of someone whose account has no role (left every organisation).
  {
    path: 'account',
    title: 'Your account · Mobility Hub',
    canActivate: [anyone],
    loadComponent: () => import('./features/account/account-page').then((m) => m.AccountPage),
  },
];
