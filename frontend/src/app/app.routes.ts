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
    path: '**',
    title: 'Page not found · Mobility Hub',
    loadComponent: () =>
      import('./features/not-found/not-found-page').then((m) => m.NotFoundPage),
  },
];
