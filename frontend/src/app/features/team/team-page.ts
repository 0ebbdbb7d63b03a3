import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
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
  Api,
  changeMemberRole,
  getOrganisation,
  invite,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
  type InvitationDto,
  type MemberDto,
} from '@mobility-hub/api-client';
import { invitableRoles } from '@mobility-hub/domain';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { Session } from '@app/core/auth/session';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate, formatDateTime } from '@app/core/format-date';
import { FormErrors, type ClientMessages } from '@app/core/forms/form-errors';
import { emailAddress, notBlank } from '@app/core/forms/validators';
import { MEMBER_ROLE_DUTIES, MEMBER_ROLE_LABELS, type MemberRole } from '@app/core/member-roles';
import { TeamNav } from './team-nav';

const FIELDS = ['email', 'role', 'name'] as const;
type Field = (typeof FIELDS)[number];

/** The API's rules (CreateInvitationDto): an address of at most 320 characters, a role, a name of at most 120. */
const CLIENT_MESSAGES: ClientMessages<Field> = {
  email: {
    required: 'Enter the e-mail address to invite.',
    email: 'Enter an e-mail address such as name@school.eu.',
    maxlength: 'Shorten the e-mail address to 320 characters at most.',
  },
  role: { required: 'Choose a role.' },
  name: { maxlength: 'Shorten the name to 120 characters at most.' },
};

/** A problem that belongs to one member's row (a refused role change or removal). */
interface RowProblem {
  readonly userId: string;
  readonly action: 'role' | 'remove';
  readonly problem: ApiProblem;
}

/**
 * `organisations/:organisationId/team`, for its coordinators (and for the coordinators of the school
 * that registered a host company, who manage that company's mentors): the members and their roles
 * (change, remove after a confirmation; the last coordinator stays), the pending invitations
 * (revoke), and an invitation form. The audit log is the second tab (audit-page).
 */
@Component({
  selector: 'app-team-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, RouterLink, TeamNav],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './team-page.html',
  styleUrl: './team-page.css',
})
export class TeamPage {
  /** From the route `organisations/:organisationId/team`. */
  readonly organisationId = input.required<string>();

  private readonly api = inject(Api);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly focus = injectFocus();
  private readonly formEl = viewChild<ElementRef<HTMLFormElement>>('inviteForm');

  protected readonly roleLabel = MEMBER_ROLE_LABELS;
  protected readonly roleDuty = MEMBER_ROLE_DUTIES;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;

  /** The organisation, its members and its pending invitations. */
  private readonly team = resource({
    params: () => ({ id: this.organisationId() }),
    loader: ({ params }) =>
      loadOrExplain(async () => {
        const [organisation, members, invitations] = await Promise.all([
          this.api.invoke(getOrganisation, params),
          this.api.invoke(listMembers, params),
          this.api.invoke(listInvitations, params),
        ]);
        return { organisation, members, invitations };
      }),
  });
  private readonly loaded = computed(() => (this.team.hasValue() ? this.team.value() : null));
  protected readonly organisation = computed(() => this.loaded()?.organisation ?? null);
  /** The members as read, then as changes here leave them. */
  protected readonly members = linkedSignal<readonly MemberDto[]>(() => this.loaded()?.members ?? []);
  protected readonly invitations = linkedSignal<readonly InvitationDto[]>(() => this.loaded()?.invitations ?? []);
  protected readonly loading = this.team.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.team));
  protected readonly busy = signal(false);
  /** Polite announcements of what just happened. */
  protected readonly announcement = signal('');

  /** The role chosen in each member's row, before "Save role" (none after each read). */
  protected readonly roleDrafts = linkedSignal<Readonly<Record<string, MemberRole>>>(() => {
    this.loaded();
    return {};
  });
  /** The member whose removal waits for confirmation. */
  protected readonly removing = signal<MemberDto | null>(null);
  protected readonly rowProblem = signal<RowProblem | null>(null);
  protected readonly invitationProblem = signal<ApiProblem | null>(null);

  protected readonly myId = computed(() => this.session.user()?.id ?? null);
  /** Its own coordinators manage every role; a host company registered by their school has mentors only. */
  protected readonly relation = computed<'member' | 'partner'>(() =>
    this.organisation()?.yourRole === 'coordinator' ? 'member' : 'partner',
  );
  protected readonly roles = computed(() => invitableRoles(this.relation()));
  /** The other organisations the person coordinates: their teams are a click away. */
  protected readonly otherTeams = computed(() =>
    (this.session.user()?.memberships ?? []).filter(
      (m) => m.role === 'coordinator' && m.organisationId !== this.organisationId(),
    ),
  );

  protected readonly form = new FormGroup({
    email: new FormControl('', { nonNullable: true, validators: [notBlank, emailAddress, Validators.maxLength(320)] }),
    role: new FormControl<MemberRole | ''>('', { nonNullable: true, validators: [Validators.required] }),
    name: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(120)] }),
  });
  private readonly formErrors = new FormErrors(FIELDS, CLIENT_MESSAGES, {
    form: () => this.formEl()?.nativeElement,
    idPrefix: 'invite-',
  });
  protected readonly errors = this.formErrors.messages;
  protected readonly errorCount = this.formErrors.count;
  protected readonly inviting = signal(false);

  constructor() {
    // The invitation form offers the roles this person may give here: staff first, where it is one of them.
    effect(() => {
      if (!this.organisation()) return;
      const roles = this.roles();
      const role = this.form.controls.role;
      if (!role.value || !roles.includes(role.value as MemberRole)) {
        role.setValue(roles.includes('staff') ? 'staff' : roles[0]);
      }
    });
  }

  /** Reads the organisation, its members and its pending invitations again. */
  load(): void {
    this.team.reload();
  }

  // ---- Members ---------------------------------------------------------------------------------

  protected draftOf(member: MemberDto): MemberRole {
    return this.roleDrafts()[member.userId] ?? member.role;
  }

  protected chooseRole(member: MemberDto, role: string): void {
    this.roleDrafts.update((drafts) => ({ ...drafts, [member.userId]: role as MemberRole }));
    if (this.rowProblem()?.userId === member.userId) this.rowProblem.set(null);
  }

  protected async saveRole(member: MemberDto, event: Event): Promise<void> {
    event.preventDefault();
    const role = this.draftOf(member);
    if (this.busy()) return;
    if (role === member.role) {
      this.announcement.set(`${member.displayName} is already ${MEMBER_ROLE_LABELS[role]}: nothing changed.`);
      return;
    }
    this.busy.set(true);
    this.rowProblem.set(null);
    try {
      const updated = await this.api.invoke(changeMemberRole, {
        id: this.organisationId(),
        userId: member.userId,
        body: { role },
      });
      this.members.update((list) => list.map((m) => (m.userId === updated.userId ? updated : m)));
      this.forgetDraft(member.userId);
      this.announcement.set(`${updated.displayName} is now ${MEMBER_ROLE_LABELS[updated.role]}.`);
      if (updated.userId === this.myId() && updated.role !== 'coordinator') await this.leave();
    } catch (error) {
      this.forgetDraft(member.userId);
      this.rowProblem.set({ userId: member.userId, action: 'role', problem: toApiProblem(error) });
      this.focus(`row-problem-${member.userId}`);
    } finally {
      this.busy.set(false);
    }
  }

  protected startRemove(member: MemberDto): void {
    this.rowProblem.set(null);
    this.removing.set(member);
    this.focus('remove-confirm');
  }

  protected cancelRemove(): void {
    const member = this.removing();
    this.removing.set(null);
    if (member) this.focus(`remove-${member.userId}`);
  }

  protected async confirmRemove(): Promise<void> {
    const member = this.removing();
    if (!member || this.busy()) return;
    this.busy.set(true);
    try {
      await this.api.invoke(removeMember, { id: this.organisationId(), userId: member.userId });
      this.removing.set(null);
      this.members.update((list) => list.filter((m) => m.userId !== member.userId));
      this.announcement.set(
        `${member.displayName} was removed from ${this.organisation()?.name ?? 'the organisation'}.`,
      );
      if (member.userId === this.myId()) await this.leave();
      else this.focus('members-heading');
    } catch (error) {
      this.removing.set(null);
      this.rowProblem.set({ userId: member.userId, action: 'remove', problem: toApiProblem(error) });
      this.focus(`row-problem-${member.userId}`);
    } finally {
      this.busy.set(false);
    }
  }

  /** The 409 that keeps an organisation's last coordinator. */
  protected lastCoordinator(problem: ApiProblem): boolean {
    return problem.status === 409 && (problem.type === undefined || problem.code === 'last-coordinator');
  }

  // ---- Invitations -----------------------------------------------------------------------------

  protected async revoke(invitation: InvitationDto): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.invitationProblem.set(null);
    try {
      await this.api.invoke(revokeInvitation, { id: this.organisationId(), invitationId: invitation.id });
      this.invitations.update((list) => list.filter((i) => i.id !== invitation.id));
      this.announcement.set(`The invitation to ${invitation.email} was revoked: its link no longer works.`);
      this.focus('invitations-heading');
    } catch (error) {
      const problem = toApiProblem(error);
      // 404: accepted, expired or revoked meanwhile — the list is out of date.
      if (problem.status === 404) this.invitations.update((list) => list.filter((i) => i.id !== invitation.id));
      this.invitationProblem.set(problem);
      this.focus('invitation-problem');
    } finally {
      this.busy.set(false);
    }
  }

  protected async invite(): Promise<void> {
    if (this.inviting()) return;
    if (!this.formErrors.validate(this.form.controls)) return;
    const { email, role, name } = this.form.getRawValue();
    this.inviting.set(true);
    try {
      const sent = await this.api.invoke(invite, {
        id: this.organisationId(),
        body: { email: email.trim(), role: role as MemberRole, ...(name.trim() ? { name: name.trim() } : {}) },
      });
      // The newest invitation to an address is the one that works.
      this.invitations.update((list) => [sent, ...list.filter((i) => i.email !== sent.email)]);
      this.form.reset({ email: '', role, name: '' });
      this.formErrors.clear();
      this.announcement.set(
        `Invitation sent to ${sent.email} as ${MEMBER_ROLE_LABELS[sent.role]}. It works for a week.`,
      );
    } catch (error) {
      const problem = toApiProblem(error);
      const { atFields, elsewhere } = this.formErrors.report(problem);
      if (!atFields && elsewhere) this.focus('invite-problem');
    } finally {
      this.inviting.set(false);
    }
  }

  /** The API's problem with the invitation that belongs to no field (403, 404, no connection…). */
  protected readonly inviteProblem = computed(() => {
    const problem = this.formErrors.problem();
    if (!problem) return null;
    return problem.errors.some((e) => (FIELDS as readonly string[]).includes(e.field)) ? null : problem;
  });

  // ---- Helpers ---------------------------------------------------------------------------------

  private forgetDraft(userId: string): void {
    this.roleDrafts.update((drafts) => {
      const rest = { ...drafts };
      delete rest[userId];
      return rest;
    });
  }

  /** The person gave up coordinating this organisation: their session changes, and the page is no longer theirs. */
  private async leave(): Promise<void> {
    await this.session.refresh();
    await this.router.navigateByUrl('/');
  }
}
