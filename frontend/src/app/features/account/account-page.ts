import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { Session } from '../../core/auth/session';
import { MEMBER_ROLE_LABELS } from '../../core/member-roles';

/**
 * `account`: who is signed in and in which organisations. The start page of someone with no role
 * left (removed from every organisation), whom every other page would send away.
 */
@Component({
  selector: 'app-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page' },
  template: `
    <h1 class="page-title">Your account</h1>
    @if (session.user(); as user) {
      <p class="page-lead">Signed in as <strong>{{ user.displayName }}</strong> ({{ user.email }}).</p>
      @if (user.memberships.length) {
        <ul data-testid="memberships">
          @for (m of user.memberships; track m.organisationId) {
            <li>{{ roleLabel[m.role] }} at {{ m.organisationName }}</li>
          }
        </ul>
      } @else if (!user.participantId) {
        <p data-testid="no-role">
          Your account belongs to no organisation at the moment, so there is nothing for you to see here. If that is a
          mistake, ask a coordinator of your organisation to invite you again.
        </p>
      }
    }
  `,
})
export class AccountPage {
  protected readonly session = inject(Session);
  protected readonly roleLabel = MEMBER_ROLE_LABELS;
}
