import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  linkedSignal,
  resource,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import {
  Api,
  getGuardianConsent,
  giveGuardianConsent,
  refuseGuardianConsent,
  type GuardianConsentViewDto,
} from '@mobility-hub/api-client';
import { linkGone } from '@app/core/api/link-problem';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { notBlank } from '@app/core/forms/validators';

const FIELDS = ['name', 'reason'] as const;
type Field = (typeof FIELDS)[number];

/** The API's rules (GuardianAnswerDto, GuardianRefusalDto). */
const CLIENT_MESSAGES: ClientMessages<Field> = {
  name: { required: 'Type your full name.', maxlength: 'Shorten the name to 200 characters at most.' },
  reason: { maxlength: 'Shorten the reason to 1000 characters at most.' },
};

type Answer = 'consent' | 'refuse';

/**
 * Where the guardian's consent e-mail leads (`guardian/:token`): a parent, no account, often on a
 * phone. Opening it changes nothing — mail scanners open links — only the buttons answer: "I
 * consent" or "I do not consent", each with the guardian's typed name, recorded with the time and
 * their connection's address.
 */
@Component({
  selector: 'app-guardian-consent-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  host: { class: 'page page-kit' },
  templateUrl: './guardian-consent-page.html',
  styleUrls: ['../../shared/link-page.css', './guardian-consent-page.css'],
})
export class GuardianConsentPage {
  /** From the route `guardian/:token`. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('answerForm');
  protected readonly formatDate = formatDate;
  protected readonly retryWhen = retryWhen;

  private readonly viewResource = resource({
    params: () => ({ token: this.token() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getGuardianConsent, params)),
  });
  protected readonly view = linkedSignal<GuardianConsentViewDto | null>(() =>
    this.viewResource.hasValue() ? this.viewResource.value() : null,
  );
  protected readonly loading = this.viewResource.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.viewResource));
  protected readonly busy = signal<Answer | null>(null);
  protected readonly outcome = signal<'given' | 'refused' | null>(null);
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly goneDetail = signal<string | null>(null);
  protected readonly announcement = signal('');

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(200)] }),
    reason: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(1000)] }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'guardian-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  /** The place in words: host, city, country (or only the country while no host is chosen). */
  protected readonly place = computed(() => {
    const v = this.view();
    if (!v) return '';
    const parts = [v.hostOrganisation, v.hostCity, v.hostCountry].filter((p): p is string => !!p);
    return parts.length ? parts.join(', ') : 'to be confirmed by the school';
  });
  /** The link works and the consent waits: the answer form is shown. */
  protected readonly waits = computed(() => {
    const v = this.view();
    return (
      !!v &&
      v.link === 'valid' &&
      !v.closed &&
      (v.consent === 'pending' || v.consent === 'refused') &&
      !this.outcome() &&
      this.actionProblem()?.status !== 409
    );
  });

  protected load(): void {
    this.viewResource.reload();
  }

  protected async answer(kind: Answer): Promise<void> {
    if (this.busy()) return;
    this.actionProblem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    const { name, reason } = this.form.getRawValue();
    this.busy.set(kind);
    try {
      const token = this.token();
      const view =
        kind === 'consent'
          ? await this.api.invoke(giveGuardianConsent, { token, body: { name: name.trim() } })
          : await this.api.invoke(refuseGuardianConsent, {
              token,
              body: reason.trim() ? { name: name.trim(), reason: reason.trim() } : { name: name.trim() },
            });
      this.view.set(view);
      this.outcome.set(kind === 'consent' ? 'given' : 'refused');
      this.announcement.set(kind === 'consent' ? 'Thank you: your consent is recorded.' : 'Your answer is recorded.');
      this.focus('result-heading');
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 400) {
        if (this.formErrors.report(problem).elsewhere) this.actionProblem.set(problem);
      } else if (problem.status === 410) {
        const expired = linkGone(problem) === 'expired';
        this.view.update((v) => (v ? { ...v, link: expired ? 'expired' : 'used' } : v));
        this.goneDetail.set(problem.detail);
        this.focus('link-heading');
      } else {
        this.actionProblem.set(problem);
        this.focus('action-problem');
      }
    } finally {
      this.busy.set(null);
    }
  }
}
