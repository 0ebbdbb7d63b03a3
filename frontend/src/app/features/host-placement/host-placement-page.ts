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
  confirmHostPlacement,
  declineHostPlacement,
  getHostPlacement,
  renewHostPlacementLink,
  type HostPlacementDto,
  type RenewedLinkDto,
} from '@mobility-hub/api-client';
import { activityDays, isIsoDate, activityFamily, isLearnerFamily } from '@mobility-hub/domain';
import { linkGone } from '@app/core/api/link-problem';
import { fieldMessage, loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';

/** The kind of placement, in words a small company understands (no programme codes). */
export const PLACEMENT_KINDS: Readonly<Record<HostPlacementDto['activityType'], string>> = {
  'LM-SHORT-VET': 'A work placement of a vocational learner (up to 3 months)',
  'LM-LONG-VET': 'A long work placement of a vocational learner (ErasmusPro: 3 to 12 months)',
  'LM-SKILL-VET': 'A vocational learner taking part in a skills competition',
  'SM-JOB-SHDW': 'Job shadowing: a teacher or trainer learns by following your staff at work',
  'SM-TTA': 'A teaching or training assignment by a teacher or trainer',
  'SM-COUR-TRAIN': 'A course or training for a teacher or trainer',
  'LM-GROUP-VET': 'A group of vocational learners with their accompanying teacher',
  'OA-INV-EXP': 'An expert visiting a vocational school',
  'OA-HOS-TTT': 'A teacher or educator in training hosted by a vocational school',
  'PREP-VISIT': 'A preparatory visit by staff of the sending school',
};

/** The fields of the confirmation form, in the order they appear (the first with an error gets focus). */
const FIELDS = ['mentorName', 'mentorEmail'] as const;
type Field = (typeof FIELDS)[number];

/** The API's rules (ConfirmPlacementDto): both required, at most 200 / 320 characters, an e-mail address. */
const CLIENT_MESSAGES: ClientMessages<Field> = {
  mentorName: { required: 'Enter the name of the mentor.', maxlength: 'Shorten the name to 200 characters at most.' },
  mentorEmail: {
    required: 'Enter the mentor’s e-mail address.',
    email: 'Enter an e-mail address such as name@company.eu.',
    maxlength: 'Shorten the e-mail address to 320 characters at most.',
  },
};

const REASON_MAX = 1000;

type Action = 'confirm' | 'decline' | 'renew';

/**
 * Where the host's placement-request e-mail leads (`host/placement/:token`): a small company, no
 * account. Opening it changes nothing — mail scanners open links — only the buttons confirm (naming
 * the mentor) or decline the placement, and a used or expired link can ask for a new one.
 */
@Component({
  selector: 'app-host-placement-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule],
  host: { class: 'page page-kit' },
  templateUrl: './host-placement-page.html',
  styleUrls: ['../../shared/link-page.css', './host-placement-page.css'],
})
export class HostPlacementPage {
  /** From the route `host/placement/:token`: the token of the e-mail's link. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);
  private readonly focus = injectFocus();
  private readonly confirmFormEl = viewChild<ElementRef<HTMLFormElement>>('confirmForm');

  protected readonly formatDate = formatDate;
  protected readonly reasonMax = REASON_MAX;

  /** The placement the link is about (GET: reading changes nothing). */
  private readonly placementResource = resource({
    params: () => ({ token: this.token() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getHostPlacement, params)),
  });
  /** The placement as read, then as this visit's answers change it. */
  protected readonly placement = linkedSignal<HostPlacementDto | null>(() =>
    this.placementResource.hasValue() ? this.placementResource.value() : null,
  );
  protected readonly loading = this.placementResource.isLoading;
  /** A button found the link unknown (404): as if reading it had failed. */
  private readonly linkLost = signal<ApiProblem | null>(null);
  protected readonly loadProblem = computed(() => this.linkLost() ?? loadProblemOf(this.placementResource));
  /** The request under way (one at a time: a double click sends one). */
  protected readonly busy = signal<Action | null>(null);
  /** What this visit answered. */
  protected readonly outcome = signal<'confirmed' | 'declined' | null>(null);
  /** A refusal of confirm / decline that belongs to no field (409, 5xx, no connection). */
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  /** The API's words when the link turned out used or expired on pressing a button (410). */
  protected readonly goneDetail = signal<string | null>(null);
  protected readonly renewed = signal<RenewedLinkDto | null>(null);
  protected readonly renewProblem = signal<ApiProblem | null>(null);
  /** What just happened, said politely. */
  protected readonly announcement = signal('');

  // --- Confirm --------------------------------------------------------------
  protected readonly form = new FormGroup({
    mentorName: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(200)] }),
    mentorEmail: new FormControl('', {
      nonNullable: true,
      validators: [notBlank, emailAddress, Validators.maxLength(320)],
    }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.confirmFormEl()?.nativeElement,
    idPrefix: 'host-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  // --- Decline --------------------------------------------------------------
  protected readonly declineOpen = signal(false);
  protected readonly reason = signal('');
  protected readonly reasonError = signal<string | null>(null);

  /** Who comes, in the host's words: a learner on a placement, or a member of staff (job shadowing, courses…). */
  protected readonly who = computed(() => {
    const type = this.placement()?.activityType;
    return type && !isLearnerFamily(activityFamily(type)) ? 'participant' : 'learner';
  });
  protected readonly kindPhrase = computed(() => {
    const type = this.placement()?.activityType;
    return type ? (PLACEMENT_KINDS[type] ?? type) : '';
  });
  protected readonly days = computed(() => {
    const p = this.placement();
    return p && isIsoDate(p.startDate) && isIsoDate(p.endDate) && p.endDate >= p.startDate
      ? activityDays(p.startDate, p.endDate)
      : null;
  });
  /** 409: the placement no longer waits for this host (confirmed meanwhile, another host, cancelled). */
  protected readonly settled = computed(() => this.actionProblem()?.status === 409);
  /** The school cancelled or closed the mobility: nothing to answer, whatever the link. */
  protected readonly closed = computed(() => {
    const phase = this.placement()?.phase;
    return phase === 'withdrawn' || phase === 'completed';
  });
  /** The link works and the placement waits for an answer: the forms are shown. */
  protected readonly waits = computed(() => {
    const p = this.placement();
    return !!p && p.link === 'valid' && !p.placementConfirmed && !this.closed() && !this.settled() && !this.outcome();
  });
  /** This host declined, or the school chose another host: a new link would have nothing to answer. */
  protected readonly answered = computed(() => {
    const answer = this.placement()?.answer;
    return answer === 'declined' || answer === 'host-changed';
  });
  /** A used or expired link may ask for a new one — unless there is plainly nothing left to answer. */
  protected readonly canRenew = computed(() => {
    const p = this.placement();
    return !!p && p.link !== 'valid' && !p.placementConfirmed && !this.closed() && !this.answered();
  });
  /** Whom at the school to ask, in a sentence: "Maria Weber at BK Rhein-Ruhr (maria@…)", or the school. */
  protected readonly contactPhrase = computed(() => {
    const p = this.placement();
    if (!p) return '';
    return p.schoolContactEmail
      ? `${p.schoolContactName ?? p.sendingOrganisation} at ${p.sendingOrganisation} (${p.schoolContactEmail})`
      : p.sendingOrganisation;
  });

  protected load(): void {
    this.linkLost.set(null);
    this.placementResource.reload();
  }

  protected async confirm(): Promise<void> {
    if (this.busy()) return;
    this.actionProblem.set(null);
    if (!this.formErrors.validate(this.form.controls)) return;
    const v = this.form.getRawValue();
    this.busy.set('confirm');
    try {
      const placement = await this.api.invoke(confirmHostPlacement, {
        token: this.token(),
        body: { mentorName: v.mentorName.trim(), mentorEmail: v.mentorEmail.trim() },
      });
      this.placement.set(placement);
      this.outcome.set('confirmed');
      this.announcement.set(`Done: the placement of ${placement.learnerName} is confirmed.`);
      this.focus('result-heading');
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 400) {
        if (this.formErrors.report(problem).elsewhere) this.actionProblem.set(problem);
      } else {
        this.refused(problem);
      }
    } finally {
      this.busy.set(null);
    }
  }

  protected openDecline(): void {
    this.declineOpen.set(true);
    this.focus('host-reason');
  }

  protected cancelDecline(): void {
    this.declineOpen.set(false);
    this.reasonError.set(null);
    this.focus('decline-open');
  }

  protected onReason(event: Event): void {
    this.reason.set((event.target as HTMLTextAreaElement).value);
  }

  protected async decline(): Promise<void> {
    if (this.busy()) return;
    this.actionProblem.set(null);
    this.reasonError.set(null);
    const reason = this.reason().trim();
    if (reason.length > REASON_MAX) {
      this.reasonError.set(`Shorten the reason to ${REASON_MAX} characters at most.`);
      this.focus('host-reason');
      return;
    }
    this.busy.set('decline');
    try {
      const placement = await this.api.invoke(declineHostPlacement, {
        token: this.token(),
        body: reason ? { reason } : {},
      });
      this.placement.set(placement);
      this.outcome.set('declined');
      this.announcement.set('Done: the school is told that you cannot host this learner.');
      this.focus('result-heading');
    } catch (error) {
      const problem = toApiProblem(error);
      const atReason = problem.status === 400 ? fieldMessage(problem, 'reason') : null;
      if (atReason) {
        this.reasonError.set(atReason);
        this.focus('host-reason');
      } else {
        this.refused(problem);
      }
    } finally {
      this.busy.set(null);
    }
  }

  protected async renew(): Promise<void> {
    if (this.busy()) return;
    this.busy.set('renew');
    this.renewProblem.set(null);
    try {
      const renewed = await this.api.invoke(renewHostPlacementLink, { token: this.token() });
      this.renewed.set(renewed);
      this.announcement.set(`A new link was sent to ${renewed.sentTo}.`);
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 404) {
        this.linkLost.set(problem);
        this.focus('host-title');
        return;
      }
      this.renewProblem.set(problem);
    } finally {
      this.busy.set(null);
    }
    this.focus('renew-result');
  }

  /** "after 22:17 (in about 10 minutes)", from the 429's Retry-After; null when the API said no time. */
  protected readonly retryWhen = retryWhen;

  /** Confirm or decline was refused: the link is gone (410), unknown (404) or the placement settled (409). */
  private refused(problem: ApiProblem): void {
    if (problem.status === 410) {
      const expired = linkGone(problem) === 'expired';
      this.placement.update((p) => (p ? { ...p, link: expired ? 'expired' : 'used' } : p));
      this.goneDetail.set(problem.detail);
      this.declineOpen.set(false);
      this.announcement.set(expired ? 'This link has expired.' : 'This link was already used.');
      this.focus('link-heading');
    } else if (problem.status === 404) {
      this.linkLost.set(problem);
      this.focus('host-title');
    } else {
      this.actionProblem.set(problem);
      this.announcement.set(problem.status === 409 ? 'Nothing to answer: this placement no longer waits for you.' : '');
      this.focus(problem.status === 409 ? 'settled-heading' : 'action-problem');
    }
  }
}
