import { ChangeDetectionStrategy, Component, ElementRef, inject, input, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { RouterLink } from '@angular/router';
import { Api, changePassword } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { MISMATCH_MESSAGE, newPasswordControls, newPasswordMessages, PASSWORD_MAX } from '@app/core/forms/new-password';
import { NewPasswordFields } from '@app/shared/new-password-fields';
import { injectFocus } from '@app/core/dom/focus';

/** The fields in the order they appear (the first with an error gets focus). */
const FIELDS = ['currentPassword', 'password', 'confirmation'] as const;
type Field = (typeof FIELDS)[number];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  currentPassword: {
    required: 'Enter your current password.',
    maxlength: `A password has ${PASSWORD_MAX} characters at most.`,
  },
  password: newPasswordMessages('Enter a new password.'),
  confirmation: { required: 'Enter the new password a second time.', mismatch: MISMATCH_MESSAGE },
};

/** The API's 422 says `currentPassword is not your current password`: said for people. */
const WRONG_CURRENT = 'This is not your current password.';

/**
 * The account page's "Change password": the current password (the API checks it), the new one twice
 * with the rule shown before typing. On success this browser stays signed in and every other session
 * of the person has ended (the API's POST /api/auth/password), which the message says. A learner is
 * told that the e-mailed sign-in links keep working and how to get a first password.
 */
@Component({
  selector: 'app-change-password-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, NewPasswordFields],
  templateUrl: './change-password-form.html',
  styleUrl: './account.css',
})
export class ChangePasswordForm {
  /** The signed-in person's address: the form's username, for password managers. */
  readonly email = input.required<string>();
  /** A learner: they sign in with e-mailed links and may have no password at all. */
  readonly learner = input(false);

  private readonly api = inject(Api);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('passwordForm');

  protected readonly max = PASSWORD_MAX;
  protected readonly retryWhen = retryWhen;

  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(PASSWORD_MAX)],
    }),
    ...newPasswordControls(),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'change-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  protected readonly busy = signal(false);
  /** The password was changed (until the next attempt). */
  protected readonly done = signal(false);
  /** What kept the password from being changed, beyond the fields: too many attempts (429), no connection, 5xx. */
  protected readonly problem = signal<ApiProblem | null>(null);

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.done.set(false);
    this.problem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    const { currentPassword, password } = this.form.getRawValue();
    this.busy.set(true);
    try {
      await this.api.invoke(changePassword, { body: { currentPassword, password } });
      this.form.reset();
      this.done.set(true);
      this.focus('password-done');
    } catch (error) {
      const problem = toApiProblem(error);
      // The session itself has ended: core/auth/session-ended already leads to the sign-in page.
      if (problem.status === 401) return;
      if (problem.status === 400 || problem.status === 422) {
        const wrongCurrent = problem.errors.some((e) => e.field === 'currentPassword');
        if (wrongCurrent) this.form.controls.currentPassword.setValue('');
        const { elsewhere } = this.formErrors.report({
          ...problem,
          errors: problem.errors.map((e) =>
            e.field === 'currentPassword' && problem.status === 422 ? { ...e, message: WRONG_CURRENT } : e,
          ),
        });
        if (!elsewhere) return;
      }
      this.problem.set(problem);
      this.focus('password-problem');
    } finally {
      this.busy.set(false);
    }
  }

  /** The 429 is the lockout of the address after wrong passwords (sign-ins and guesses here count alike). */
  protected locked(problem: ApiProblem): boolean {
    return problem.code === 'sign-in-locked';
  }
}
