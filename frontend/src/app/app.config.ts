import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { appRoutes } from './app.routes';
import { sessionEnded } from './core/auth/session-ended';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    // A 401 mid-use: the session ended elsewhere (core/auth/session-ended).
    provideHttpClient(withFetch(), withInterceptors([sessionEnded])),
    provideRouter(appRoutes, withComponentInputBinding()),
  ],
};
