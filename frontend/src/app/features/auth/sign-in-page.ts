import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Api, signIn } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { safeReturnTo } from '@app/core/auth/return-to';
import { Session, SESSION_ENDED } from '@app/core/auth/session';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { injectFocus } from '@app/core/dom/focus';

/** The fields of the form, in the order they appear (the first with an error gets focus). */
const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

/** The API's rules (SignInDto): an e-mail address of at most 320 characters, a password of 1 to 200. */
const CLIENT_MESSAGES: ClientMessages<Field> = {
  email: {
    required: 'Enter your e-mail address.',
    email: 'Enter an e-mail address such as name@school.eu.',
    maxlength: 'Shorten the e-mail address to 320 characters at most.',
  },
  password: { required: 'Enter your password.', maxlength: 'A password has 200 characters at most.' },
};

/**
 * `sign-in`: e-mail and password, for coordinators, staff and mentors; links to a password reset
 * and, for learners, to a sign-in link by e-mail. Afterwards to `returnTo` (a path of this app) or
 * the start page. Opening it sends nothing.
 */
@Component({
  selector: 'app-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  host: { class: 'page page-kit' },
  templateUrl: './sign-in-page.html',
  styleUrl: './auth-page.css',
})
export class SignInPage {
  /** From the query `?returnTo=/path`: where to go after signing in (checked by safeReturnTo). */
  readonly returnTo = input<string>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('signInForm');

  protected readonly session = inject(Session);
  protected readonly retryWhen = retryWhen;
  /** The app sent the person here because their session ended mid-use (core/auth/session-ended). */
  protected readonly sessionEnded = !!this.router.currentNavigation()?.extras.state?.[SESSION_ENDED];

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [notBlank, emailAddress, Validators.maxLength(320)] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(200)] }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'sign-in-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  private readonly email = signal('');
  /** The address typed so far, carried to the link-request pages (in the navigation's state, not in the URL). */
  protected readonly typedEmail = computed(() => ({ email: this.email() }));

  protected readonly busy = signal(false);
  protected readonly showPassword = signal(false);
  /** Why signing in failed, for the whole form: wrong credentials (401), too many attempts (429), no connection… */
  protected readonly problem = signal<ApiProblem | null>(null);

  constructor() {
    this.form.controls.email.valueChanges.subscribe((value) => this.email.set(value.trim()));
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.problem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    const { email, password } = this.form.getRawValue();
    this.busy.set(true);
    try {
      const me = await this.api.invoke(signIn, { body: { email: email.trim(), password } });
      this.session.signIn(me);
      await this.router.navigateByUrl(safeReturnTo(this.returnTo()));
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 400 && !this.formErrors.report(problem).elsewhere) return;
      // The password is typed again; the address stays.
      if (problem.status === 401) this.form.controls.password.setValue('');
      this.problem.set(problem);
      this.focus('sign-in-problem');
    } finally {
      this.busy.set(false);
    }
  }

  protected toggleShowPassword(event: Event): void {
    this.showPassword.set((event.target as HTMLInputElement).checked);
  }

  /** The 429 is the lockout of this address (rather than too many requests from this connection). */
  protected locked(problem: ApiProblem): boolean {
    return problem.code === 'sign-in-locked';
  }
}
