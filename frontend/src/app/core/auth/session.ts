import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
// Types only: erased at build time, so the shell does not pull in the generated client.
import type { MeDto, SessionDto } from '@mobility-hub/api-client';

/**
 * The start-up probe (GET /api/auth/session): 200 whether or not someone is signed in, so that a
 * visitor's browser console shows no 401 for the expected "nobody signed in".
 */
export const SESSION_URL = '/api/auth/session';
export const SIGN_OUT_URL = '/api/auth/sign-out';
/** Navigation state for the sign-in page: the session ended mid-use (core/auth/session-ended). */
export const SESSION_ENDED = 'sessionEnded';

/**
 * Who uses the app, as far as this browser knows:
 * - `loading`: GET /api/auth/session has not answered yet;
 * - `signed-in`: the session cookie works (`user` is set);
 * - `signed-out`: no session (`signedIn: false`, or a 401, is simply this, not an error);
 * - `unknown`: /me failed otherwise (no connection, 5xx) — the API status in the footer says why.
 */
export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'unknown';

/**
 * The signed-in state of the app, a signal for the shell, the pages and (next) the route guards.
 * It lives in the initial bundle, so it talks to the API with HttpClient directly rather than with
 * the generated client; the sign-in pages hand it the user they signed in.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private loaded: Promise<MeDto | null> | null = null;

  readonly status = signal<SessionStatus>('loading');
  readonly user = signal<MeDto | null>(null);

  /** Asks the API once who is signed in; later calls share that answer (see `refresh`). */
  load(): Promise<MeDto | null> {
    return (this.loaded ??= this.fetchMe());
  }

  /** Asks the API again (after a password reset, for example). */
  refresh(): Promise<MeDto | null> {
    this.loaded = this.fetchMe();
    return this.loaded;
  }

  /** A sign-in page signed someone in: the API answered with the user. */
  signIn(user: MeDto): void {
    this.loaded = Promise.resolve(user);
    this.user.set(user);
    this.status.set('signed-in');
  }

  /** Ends the session (POST /api/auth/sign-out); rejects, still signed in, when the API could not be reached. */
  async signOut(): Promise<void> {
    await new Promise<void>((resolve, reject) =>
      this.http.post(SIGN_OUT_URL, null, { responseType: 'text' }).subscribe({ complete: resolve, error: reject }),
    );
    this.forget();
  }

  /** The session is known to be over (signed out, or the API said 401). */
  forget(): void {
    this.loaded = Promise.resolve(null);
    this.user.set(null);
    this.status.set('signed-out');
  }

  private fetchMe(): Promise<MeDto | null> {
    return new Promise((resolve) =>
      this.http.get<SessionDto>(SESSION_URL).subscribe({
        next: ({ user }) => {
          if (user) this.signIn(user);
          else this.forget();
          resolve(user);
        },
        error: (error: unknown) => {
          if (error instanceof HttpErrorResponse && error.status === 401) {
            this.forget();
          } else {
            this.user.set(null);
            this.status.set('unknown');
            this.loaded = null; // ask again next time
          }
          resolve(null);
        },
      }),
    );
  }
}
