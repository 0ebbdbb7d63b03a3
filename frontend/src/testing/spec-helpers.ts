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

/** The text of the element with this data-testid, its white space collapsed; '' when there is none. */
export function textOfTestId(root: ParentNode, testId: string): string {
  return root.querySelector(`[data-testid="${testId}"]`)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

/** The button whose text (white space collapsed) is exactly `name`; throws when there is none. */
export function buttonNamed(root: ParentNode, name: string): HTMLButtonElement {
  const found = Array.from(root.querySelectorAll<HTMLButtonElement>('button')).find(
    (b) => b.textContent?.replace(/\s+/g, ' ').trim() === name,
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

/** Puts a value into the field with this id and fires `input`, as typing does; throws when there is no such field. */
export function typeInto(root: ParentNode, id: string, value: string): void {
  const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${id}`);
  if (!input) throw new Error(`no field #${id}`);
  input.value = value;
  input.dispatchEvent(new Event('input'));
}
