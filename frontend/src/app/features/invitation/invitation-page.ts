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
import { Router, RouterLink } from '@angular/router';
import {
  acceptInvitation,
  Api,
  getInvitation,
  type AcceptInvitationDto,
  type InvitationViewDto,
  type MeDto,
} from '@mobility-hub/api-client';
import { linkBroken, linkGone } from '@app/core/api/link-problem';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { retryWhen } from '@app/core/api/retry-when';
import { homeOf } from '@app/core/auth/roles';
import { Session } from '@app/core/auth/session';
import { injectFocus } from '@app/core/dom/focus';
import { formatDateTime } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { MISMATCH_MESSAGE, newPasswordControls, newPasswordMessages } from '@app/core/forms/new-password';
import { notBlank } from '@app/core/forms/validators';
import { MEMBER_ROLE_DUTIES, MEMBER_ROLE_LABELS } from '@app/core/member-roles';
import { Notifications } from '@app/core/notifications';
import { NewPasswordFields } from '@app/shared/new-password-fields';

/** The API's rule for a new account's name (AcceptInvitationDto): 1 to 120 characters (its password's: core/forms/new-password). */
const NAME_MAX = 120;

const FIELDS = ['displayName', 'password', 'confirmation'] as const;
type Field = (typeof FIELDS)[number];

const CLIENT_MESSAGES: ClientMessages<Field> = {
  displayName: { required: 'Enter your name.', maxlength: `Shorten the name to ${NAME_MAX} characters at most.` },
  password: newPasswordMessages('Choose a password.'),
  confirmation: { required: 'Enter the password a second time.', mismatch: MISMATCH_MESSAGE },
};

/**
 * `invitation/:token`, where the invitation e-mail leads (no account needed): what is offered — the
 * organisation, the role, the invited address, until when. Opening it changes nothing; the button
 * accepts. A new address chooses its name and password first, and is signed in on accepting. An
 * address that already has an account accepts only signed in as that account (the API answers 401
 * sign-in-first otherwise: the link is no password): signed out, the page leads to signing in and
 * back here; signed in as someone else, it says so and offers to sign out. After accepting, the
 * person goes to their start page. Unknown, used and expired links explain themselves.
 */
@Component({
  selector: 'app-invitation-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, NewPasswordFields],
  host: { class: 'page page-kit' },
  templateUrl: './invitation-page.html',
  styleUrl: '../auth/auth-page.css',
})
export class InvitationPage {
  /** From the route `invitation/:token`: the token of the e-mail's link. */
  readonly token = input.required<string>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly notifications = inject(Notifications);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('acceptForm');

  protected readonly session = inject(Session);
  protected readonly retryWhen = retryWhen;
  protected readonly formatDateTime = formatDateTime;
  protected readonly roleLabel = MEMBER_ROLE_LABELS;
  protected readonly roleDuty = MEMBER_ROLE_DUTIES;
  protected readonly nameMax = NAME_MAX;

  /** What the link offers (GET: nothing changes). */
  private readonly invitationResource = resource({
    params: () => ({ token: this.token() }),
    loader: ({ params }) => loadOrExplain(() => this.api.invoke(getInvitation, params)),
  });
  /** The invitation as read (a 401 on accepting learns that the address has an account). */
  protected readonly invitation = linkedSignal<InvitationViewDto | null>(() =>
    this.invitationResource.hasValue() ? this.invitationResource.value() : null,
  );
  protected readonly loading = this.invitationResource.isLoading;
  private readonly readProblem = computed(() => loadProblemOf(this.invitationResource));
  /** Accepting found the link broken. */
  private readonly acceptLinkProblem = signal<ApiProblem | null>(null);
  /** The link does not work (404 unknown, 410 used or expired): nothing to accept. */
  protected readonly linkProblem = computed(() => {
    const problem = this.readProblem();
    return this.acceptLinkProblem() ?? (problem && linkBroken(problem) ? problem : null);
  });
  /** Reading the invitation failed otherwise (429, no connection, 5xx): try again. */
  protected readonly loadProblem = computed(() => {
    const problem = this.readProblem();
    return problem && !linkBroken(problem) ? problem : null;
  });
  /** Accepting failed otherwise. */
  protected readonly problem = signal<ApiProblem | null>(null);
  /** The API answered 401 sign-in-first while someone is signed in: another account than the invited address's. */
  protected readonly wrongAccount = signal(false);
  /** Where signing in comes back to: this page (`?returnTo=`, honoured by the sign-in page). */
  protected readonly signInQuery = computed(() => ({ returnTo: `/invitation/${this.token()}` }));
  protected readonly busy = signal(false);

  protected readonly form = new FormGroup({
    displayName: new FormControl('', { nonNullable: true, validators: [notBlank, Validators.maxLength(NAME_MAX)] }),
    ...newPasswordControls(),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'invitation-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;

  /** Reads what the link offers again. */
  load(): void {
    this.invitationResource.reload();
  }

  protected async accept(): Promise<void> {
    const invitation = this.invitation();
    if (!invitation || this.busy()) return;
    this.problem.set(null);
    let body: AcceptInvitationDto = {};
    if (!invitation.accountExists) {
      if (!this.formErrors.validate(this.form.controls)) return;
      const { displayName, password } = this.form.getRawValue();
      body = { displayName: displayName.trim(), password };
    }
    const before = this.session.user()?.memberships ?? [];
    this.busy.set(true);
    try {
      const me = await this.api.invoke(acceptInvitation, { token: this.token(), body });
      this.form.reset();
      if (invitation.accountExists) {
        // The session stays (no new cookie): the session store reads the person again, with the new membership.
        const user = (await this.session.refresh()) ?? me;
        this.notifications.show('info', this.joined(invitation, user, before));
        await this.router.navigateByUrl(homeOf(user));
      } else {
        this.session.signIn(me);
        this.notifications.show(
          'info',
          `Welcome to ${invitation.organisationName}: you are signed in as ${me.displayName}.`,
        );
        await this.router.navigateByUrl(homeOf(me));
      }
    } catch (error) {
      const problem = toApiProblem(error);
      if (linkBroken(problem)) {
        this.form.reset();
        this.acceptLinkProblem.set(problem);
        this.focus('link-problem');
        return;
      }
      if (problem.status === 401) {
        await this.signInFirst(invitation);
        return;
      }
      if (problem.status === 400 && !this.formErrors.report(problem).elsewhere) return;
      this.problem.set(problem);
      this.focus('accept-problem');
    } finally {
      this.busy.set(false);
    }
  }

  /** Signed in as someone else than the invited address: signing out leads to the way to sign in with it. */
  protected async signOut(): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    try {
      await this.session.signOut();
      this.wrongAccount.set(false);
      this.notifications.show('info', 'You are signed out: sign in with the invited address to accept.');
      this.focus('accept-heading');
    } catch {
      this.notifications.show('error', 'You are still signed in: the server could not be reached. Try again.');
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * 401 sign-in-first: the address has an account (perhaps made a moment ago by another acceptance)
   * and this browser is not signed in as it. Who is signed in, if anyone, is asked again: someone
   * else (told so, with a way to sign out), or nobody any more (the way to sign in).
   */
  private async signInFirst(invitation: InvitationViewDto): Promise<void> {
    this.form.reset();
    if (!invitation.accountExists) this.invitation.set({ ...invitation, accountExists: true });
    const user = await this.session.refresh();
    this.wrongAccount.set(!!user);
    this.focus(user ? 'wrong-account' : 'accept-heading');
  }

  /** What accepting did: the organisation joined with the invited role, or — a member already — the role kept. */
  private joined(invitation: InvitationViewDto, user: MeDto, before: MeDto['memberships']): string {
    const org = invitation.organisationName;
    const added = user.memberships.find(
      (m) => m.organisationName === org && !before.some((b) => b.organisationId === m.organisationId),
    );
    if (added) return `You have joined ${org} as ${this.roleLabel[added.role]}.`;
    const kept = user.memberships.find((m) => m.organisationName === org);
    return kept
      ? `You were a member of ${org} already, as ${this.roleLabel[kept.role]}: your role stays as it is.`
      : `The invitation to ${org} is accepted.`;
  }

  /** 410 says why: `link-used` (accepted already) or `link-expired` (a week passed, or it was withdrawn). */
  protected readonly gone = linkGone;
}
