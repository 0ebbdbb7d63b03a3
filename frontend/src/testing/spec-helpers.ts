/**
 * Setup shared by the jest specs. Imported by `*.spec.ts` files only: nothing in the app reaches it, so it is
 * never in the build.
 */
import { provideHttpClient, withFetch } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import type { ComponentFixture } from '@angular/core/testing';

/** HttpClient (fetch) with the HttpTestingController behind it, for a `providers` list. */
export function provideHttpTesting(): (Provider | EnvironmentProviders)[] {
  return [provideHttpClient(withFetch()), provideHttpClientTesting()];
}

const macrotask = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve, 0));

/** Lets effects, change detection and the promise chains behind requests run: `rounds` times whenStable() and a macrotask. */
export async function settleFixture(fixture: ComponentFixture<unknown>, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await fixture.whenStable();
    await macrotask();
  }
}

/**
 * The same with detectChanges() in place of whenStable(), for specs that look at a page while its requests are
 * still open (whenStable() would wait for them).
 */
export async function detectAndSettle(fixture: ComponentFixture<unknown>, rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    fixture.detectChanges();
    await macrotask();
  }
}
