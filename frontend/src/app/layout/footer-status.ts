import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { inArea } from '@app/core/auth/roles';
import { Session } from '@app/core/auth/session';
import { ApiStatus } from './api-status';

/**
 * The footer's content: the API status, for coordinators (who run the school's workspace) and for
 * everyone when the API could not say who is signed in (it then tells why the page stays empty).
 * Nobody else sees a developer's indicator; the shell hides the footer while it is empty.
 */
@Component({
  selector: 'app-footer-status',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ApiStatus],
  template: `
    @if (shown()) {
      <app-api-status />
    }
  `,
})
export class FooterStatus {
  private readonly session = inject(Session);

  protected readonly shown = computed(() => {
    const user = this.session.user();
    return this.session.status() === 'unknown' || (user !== null && inArea(user, 'coordinator'));
  });
}
