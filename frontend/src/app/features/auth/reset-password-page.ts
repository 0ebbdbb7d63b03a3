import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormGroup, ReactiveFormsModule } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api, resetPassword } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { Session } from '@app/core/auth/session';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { MISMATCH_MESSAGE, newPasswordControls, newPasswordMessages } from '@app/core/forms/new-password';
import { NewPasswordFields } from '@app/shared/new-password-fields';
import { injectFocus } from '@app/core/dom/focus';
import { linkBroken, linkGone } from '@app/core/api/link-problem';

const FIELDS = ['password', 'confirmation'] as const;
type Field = (typeof FIELDS)[number];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  password: newPasswordMessages('Enter a new password.'),
  confirmation: { required: 'Enter the new password a second time.', mismatch: MISMATCH_MESSAGE },
};

/**
 * `reset-password/:token`, where the password-reset e-mail leads: a new password, twice. Opening it
 * changes nothing (the API has no way to check the link before the form is sent); used, expired or
 * broken links explain themselves and lead to a new one.
 */
@Component({
  selector: 'app-reset-password-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, NewPasswordFields],
  host: { class: 'page page-kit' },
  templateUrl: './reset-password-page.html',
  styleUrl: './auth-page.css',
})
export class ResetPasswordPage {
  /** From the route `reset-password/:token`: the token of the e-mail's link. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('resetForm');

  protected readonly retryWhen = retryWhen;

  protected readonly form = new FormGroup({
    ...newPasswordControls(),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'reset-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  protected readonly busy = signal(false);
  protected readonly done = signal(false);
  /** The link does not work (404 unknown, 410 used or expired): the form is gone, a new link is offered. */
  protected readonly linkProblem = signal<ApiProblem | null>(null);
  /** Anything else that kept the password from being saved (429, no connection, 5xx). */
  protected readonly problem = signal<ApiProblem | null>(null);

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.problem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    this.busy.set(true);
    try {
      await this.api.invoke(resetPassword, {
        token: this.token(),
        body: { password: this.form.controls.password.value },
      });
      this.form.reset();
      this.done.set(true);
      this.focus('reset-done');
      // Every session of the account has ended — perhaps this browser's too.
      void this.session.refresh();
    } catch (error) {
      const problem = toApiProblem(error);
      if (linkBroken(problem)) {
        this.form.reset();
        this.linkProblem.set(problem);
        this.focus('link-problem');
        return;
      }
      if (problem.status === 400 && !this.formErrors.report(problem).elsewhere) return;
      this.problem.set(problem);
      this.focus('reset-problem');
    } finally {
      this.busy.set(false);
    }
  }

  /** 410 says why: `link-used` or `link-expired`. */
  protected readonly gone = linkGone;
}
