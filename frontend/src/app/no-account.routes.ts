import { Routes } from '@angular/router';

/**
 * The pages used without an account, all in the plain layout (route data `layout: 'plain'`, set on
 * their parent in app.routes.ts: no coordinator navigation): the links in e-mails and signing in.
 * None of them changes anything on opening — mail scanners open links — only their buttons do.
 */
export const noAccountRoutes: Routes = [
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
    // The link in a minor's guardian's consent e-mail: consent or not, no account.
    path: 'guardian/:token',
    title: 'Consent to a stay abroad · Mobility Hub',
    loadComponent: () => import('./features/guardian-consent/guardian-consent-page').then((m) => m.GuardianConsentPage),
  },
  {
    // `?returnTo=/path` comes back to that page of the app after signing in.
    path: 'sign-in',
    title: 'Sign in · Mobility Hub',
    loadComponent: () => import('./features/auth/sign-in-page').then((m) => m.SignInPage),
  },
  {
    path: 'forgot-password',
    title: 'Reset your password · Mobility Hub',
    data: { purpose: 'password-reset' },
    loadComponent: () => import('./features/auth/link-request-page').then((m) => m.LinkRequestPage),
  },
  {
    // Learners sign in with a link sent by e-mail.
    path: 'sign-in/link',
    title: 'E-mail me a sign-in link · Mobility Hub',
    data: { purpose: 'sign-in-link' },
    loadComponent: () => import('./features/auth/link-request-page').then((m) => m.LinkRequestPage),
  },
  {
    // The link in the sign-in e-mail.
    path: 'sign-in/link/:token',
    title: 'Sign in with your link · Mobility Hub',
    loadComponent: () => import('./features/auth/sign-in-link-page').then((m) => m.SignInLinkPage),
  },
  { path: 'reset-password', pathMatch: 'full', redirectTo: '/forgot-password' },
  {
    // The link in the invitation e-mail: join an organisation (a new account chooses its name and password).
    path: 'invitation/:token',
    title: 'Invitation · Mobility Hub',
    loadComponent: () => import('./features/invitation/invitation-page').then((m) => m.InvitationPage),
  },
  {
    // The link in the password-reset e-mail.
    path: 'reset-password/:token',
    title: 'Choose a new password · Mobility Hub',
    loadComponent: () => import('./features/auth/reset-password-page').then((m) => m.ResetPasswordPage),
  },
];
