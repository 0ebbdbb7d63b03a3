import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { Api, signOutEverywhere } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { Session } from '@app/core/auth/session';
import { MEMBER_ROLE_LABELS } from '@app/core/member-roles';
import { Notifications } from '@app/core/notifications';
import { ChangePasswordForm } from './change-password-form';
import { injectFocus } from '@app/core/dom/focus';

/**
 * `account`, for every signed-in person (the name in the header's account corner leads here): who
 * they are — name, address, organisations and roles, or learner —, changing the password (every
 * other session ends) and signing out everywhere (every session ends, this one too; after a
 * confirmation). The start page of someone with no role left (removed from every organisation),
 * whom every other page would send away.
 */
@Component({
  selector: 'app-account-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, ChangePasswordForm],
  host: { class: 'page page-kit' },
  templateUrl: './account-page.html',
  styleUrl: './account.css',
})
export class AccountPage {
  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly notifications = inject(Notifications);
  private readonly focus = injectFocus();

  protected readonly session = inject(Session);
  protected readonly roleLabel = MEMBER_ROLE_LABELS;

  /** "Sign out everywhere" was pressed: the confirmation is shown. */
  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  /** Why signing out everywhere failed (no connection, 5xx): the person is still signed in. */
  protected readonly problem = signal<ApiProblem | null>(null);

  protected askToSignOutEverywhere(): void {
    this.problem.set(null);
    this.confirming.set(true);
    this.focus('everywhere-confirm');
  }

  protected cancel(): void {
    this.confirming.set(false);
    this.focus('everywhere-button');
  }

  protected async signOutEverywhere(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await this.api.invoke(signOutEverywhere);
      this.session.forget();
      this.notifications.show('info', 'You are signed out everywhere, on every device.');
      await this.router.navigateByUrl('/sign-in');
    } catch (error) {
      const problem = toApiProblem(error);
      // The session had ended already: core/auth/session-ended leads to the sign-in page.
      if (problem.status === 401) return;
      this.confirming.set(false);
      this.problem.set(problem);
      this.focus('everywhere-problem');
    } finally {
      this.busy.set(false);
    }
  }
}
