import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { tap } from 'rxjs';
import { Notifications } from '@app/core/notifications';
import { Session, SESSION_ENDED } from './session';

/**
 * The API calls whose 401 is an answer rather than an ended session: who is signed in (`me`, `session`: a 401
 * is simply "signed out"), signing in (password, e-mailed link), the password-reset link and the
 * invitations, all used without a session.
 */
const NOT_A_SESSION_CALL = /^\/api\/(auth\/(me|session|sign-in|password-reset)|invitations\/)/;

/**
 * The session ended mid-use (signed out elsewhere, expired, a password changed on another device):
 * a 401 from an API call that needs a session, while the app thought someone was signed in. The
 * session forgets the person and the sign-in page opens, coming back to this page afterwards. Only
 * the first such 401 acts: the others find the session signed out already. What the page said about
 * its failed calls meanwhile ("… could not be loaded") goes with it.
 */
export const sessionEnded: HttpInterceptorFn = (req, next) => {
  const session = inject(Session);
  const router = inject(Router);
  const notifications = inject(Notifications);
  return next(req).pipe(
    tap({
      error: (error: unknown) => {
        const path = req.url.replace(/^https?:\/\/[^/]+/, '');
        if (!(error instanceof HttpErrorResponse) || error.status !== 401 || session.status() !== 'signed-in') return;
        if (!path.startsWith('/api/') || NOT_A_SESSION_CALL.test(path)) return;
        session.forget();
        void router
          .navigate(['/sign-in'], { queryParams: { returnTo: router.url }, state: { [SESSION_ENDED]: true } })
          .then(() => notifications.clear());
      },
    }),
  );
};
