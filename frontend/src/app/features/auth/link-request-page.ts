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
import { Api, requestPasswordReset, requestSignInLink } from '@mobility-hub/api-client';
import { toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { injectFocus } from '@app/core/dom/focus';

/** What the e-mailed link is for: choosing a new password, or (learners) signing in. */
export type LinkPurpose = 'password-reset' | 'sign-in-link';

const FIELDS = ['email'] as const;
type Field = (typeof FIELDS)[number];

/** The API's rules (EmailDto): an e-mail address of at most 320 characters. */
const CLIENT_MESSAGES: ClientMessages<Field> = {
  email: {
    required: 'Enter your e-mail address.',
    email: 'Enter an e-mail address such as name@school.eu.',
    maxlength: 'Shorten the e-mail address to 320 characters at most.',
  },
};

/** The words of each purpose. */
const TEXTS: Readonly<Record<LinkPurpose, { readonly title: string; readonly lead: string; readonly button: string }>> =
  {
    'password-reset': {
      title: 'Reset your password',
      lead: 'Enter the e-mail address of your account: we send you a link to choose a new password. The link works once, for 60 minutes.',
      button: 'Send me a link',
    },
    'sign-in-link': {
      title: 'E-mail me a sign-in link',
      lead: 'For learners on a mobility: enter the e-mail address your school has for you, and we send you a link that signs you in. It works once, for 15 minutes.',
      button: 'Send me a sign-in link',
    },
  };

/**
 * `forgot-password` and `sign-in/link` (route data `purpose`): one e-mail address, and the API's
 * answer, which is the same whether or not the address has an account (202). Opening it sends nothing.
 */
@Component({
  selector: 'app-link-request-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink],
  host: { class: 'page page-kit' },
  templateUrl: './link-request-page.html',
  styleUrl: './auth-page.css',
})
export class LinkRequestPage {
  /** From the route's data. */
  readonly purpose = input<LinkPurpose>('password-reset');

  private readonly api = inject(Api);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('requestForm');

  protected readonly retryWhen = retryWhen;
  protected readonly texts = computed(() => TEXTS[this.purpose()] ?? TEXTS['password-reset']);

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [notBlank, emailAddress, Validators.maxLength(320)] }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'request-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  protected readonly busy = signal(false);
  /** The API's answer (202): the same whatever the address. */
  protected readonly sent = signal<{ readonly message: string; readonly to: string } | null>(null);
  protected readonly problem = signal<ApiProblem | null>(null);

  constructor() {
    // The address typed on the sign-in page comes along in the navigation's state (not in the URL).
    const email: unknown = inject(Router).currentNavigation()?.extras.state?.['email'];
    if (typeof email === 'string') this.form.controls.email.setValue(email);
  }

  protected async submit(): Promise<void> {
    if (this.busy()) return;
    this.problem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    const email = this.form.controls.email.value.trim();
    this.busy.set(true);
    try {
      const fn = this.purpose() === 'sign-in-link' ? requestSignInLink : requestPasswordReset;
      const { message } = await this.api.invoke(fn, { body: { email } });
      this.sent.set({ message, to: email });
      this.focus('request-sent');
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 400 && !this.formErrors.report(problem).elsewhere) return;
      this.problem.set(problem);
      this.focus('request-problem');
    } finally {
      this.busy.set(false);
    }
  }
}
