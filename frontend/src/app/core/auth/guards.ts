import { inject } from '@angular/core';
import { Router, type CanActivateFn, type RedirectFunction } from '@angular/router';
import { homeOf, inArea, type Area } from './roles';
import { Session } from './session';

/**
 * A page for signed-in people: anyone else goes to the sign-in page, which brings them back here
 * (`?returnTo=`). With `areas`, only for people who work in one of them: the others go to their own
 * start page (the API would refuse them anyway).
 */
export function signedIn(...areas: Area[]): CanActivateFn {
  return async (_route, state) => {
    // Injected before waiting: inject() only works synchronously in the guard's context.
    const router = inject(Router);
    const user = await inject(Session).load();
    if (!user) return router.createUrlTree(['/sign-in'], { queryParams: { returnTo: state.url } });
    return areas.length === 0 || areas.some((area) => inArea(user, area)) ? true : router.parseUrl(homeOf(user));
  };
}

/** `/`: each person's start page (coordinators and staff their projects, mentors the placements, learners their mobility). */
export const toHome: RedirectFunction = () => {
  const session = inject(Session);
  return session.load().then((user) => (user ? homeOf(user) : '/sign-in'));
};
