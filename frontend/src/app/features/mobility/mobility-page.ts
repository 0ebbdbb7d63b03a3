import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  Api,
  getMobility,
  getMobilityHistory,
  LifecycleEventDto,
  listMobilityTasks,
  listOrganisations,
  MobilityDto,
  OrganisationDto,
  sendMobilityEvent,
  TaskDto,
  updateMobility,
  UpdateMobilityDto,
  updateTask,
  UpdateTaskDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  canChangeHost,
  EVENTS_REQUIRING_REASON,
  hostViolations,
  isIsoDate,
  isSendingSide,
  mayChangeTask,
  nextPhase,
  PHASES,
  previousPhase,
  seesPersonalDetails,
  taskEditBlocker,
  validateMobilityDates,
} from '@mobility-hub/domain';
import { ApiProblem, fieldMessage, toApiProblem } from '../../core/api/problem';
import { formatDate } from '../../core/format-date';
import { Notifications } from '../../core/notifications';
import { MobilityReminders } from './mobility-reminders';
import { etagOf, eventLabel, formatDateTime, MobilityEventType, roleLabel, ruleMessage, stateLabel } from './labels';

type StepState = 'done' | 'current' | 'stopped' | 'todo';

/** The fields of the dates, host and mentor form, in the order they appear. */
const EDIT_FIELDS = ['startDate', 'endDate', 'hostOrganisationId', 'mentorName', 'mentorEmail'] as const;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The mobility file: header, phase stepper, checklist, lifecycle events, reminders, history, dates,
 * host and mentor — as much of it as the signed-in person's role on this mobility (`yourRole`)
 * allows: the sending side all of it; the host's mentor the host's tasks and the host's answer
 * (never the date of birth); the learner their own tasks. What the API would refuse is not offered.
 */
@Component({
  selector: 'app-mobility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'page mobility-page' },
  imports: [RouterLink, MobilityReminders],
  templateUrl: './mobility-page.html',
  styleUrl: './mobility-page.css',
})
export class MobilityPage {
  /** From the route `mobilities/:mobilityId`. */
  readonly mobilityId = input.required<string>();

  private readonly api = inject(Api);
  private readonly notifications = inject(Notifications);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  protected readonly mobility = signal<MobilityDto | null>(null);
  protected readonly tasks = signal<readonly TaskDto[]>([]);
  protected readonly history = signal<readonly LifecycleEventDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<ApiProblem | null>(null);
  /** The ETag of the mobility as last read; sent back in If-Match. */
  private readonly etag = signal<string | null>(null);
  protected readonly busy = signal(false);
  /** Polite announcements of what just happened. */
  protected readonly announcement = signal('');
  protected readonly actionProblem = signal<ApiProblem | null>(null);
  protected readonly refusal = signal<{ event: MobilityEventType; problem: ApiProblem } | null>(null);

  // REOPEN / WITHDRAW reason
  protected readonly reasonFor = signal<MobilityEventType | null>(null);
  protected readonly reason = signal('');
  protected readonly reasonError = signal<string | null>(null);
  private readonly reasonBox = viewChild<ElementRef<HTMLTextAreaElement>>('reasonBox');

  // Waiving a task
  protected readonly waiving = signal<TaskDto | null>(null);
  protected readonly waiverReason = signal('');
  protected readonly waiverError = signal<string | null>(null);
  private readonly waiverBox = viewChild<ElementRef<HTMLTextAreaElement>>('waiverBox');

  // Editing dates, host and mentor
  protected readonly editing = signal(false);
  protected readonly organisations = signal<readonly OrganisationDto[]>([]);
  protected readonly editStart = signal('');
  protected readonly editEnd = signal('');
  protected readonly editHost = signal('');
  protected readonly editMentorName = signal('');
  protected readonly editMentorEmail = signal('');
  protected readonly editSubmitted = signal(false);
  protected readonly editProblem = signal<ApiProblem | null>(null);
  private readonly editStartBox = viewChild<ElementRef<HTMLInputElement>>('editStartBox');

  protected readonly stateLabel = stateLabel;
  protected readonly eventName = eventLabel;
  protected readonly roleLabel = roleLabel;
  protected readonly formatDate = formatDate;
  protected readonly formatDateTime = formatDateTime;

  /** What the signed-in person is to this mobility. */
  protected readonly role = computed(() => this.mobility()?.yourRole ?? null);
  /** The school's coordinators and staff: edit, reminders, history, waivers, every lifecycle event of theirs. */
  protected readonly sendingSide = computed(() => {
    const role = this.role();
    return role !== null && isSendingSide(role);
  });
  /** The date of birth, for those who may see it (not the host's mentor) and only when it is known. */
  protected readonly dateOfBirth = computed(() => {
    const m = this.mobility();
    return m && seesPersonalDetails(m.yourRole) ? m.participant.dateOfBirth : null;
  });
  /** Where "back" leads: the sending side to the project's pipeline, a mentor to the placements, a learner home. */
  protected readonly back = computed(() => {
    const m = this.mobility();
    if (!m || this.sendingSide())
      return { link: m ? ['/projects', m.projectId] : ['/'], label: 'Back to the project pipeline' };
    return m.yourRole === 'mentor'
      ? { link: ['/host'], label: 'Back to your placements' }
      : { link: ['/me'], label: 'Back to my mobility' };
  });

  protected readonly activityLabel = computed(() => {
    const m = this.mobility();
    return m ? (ACTIVITY_TYPES[m.activityType]?.label ?? m.activityType) : '';
  });

  protected readonly isFinal = computed(() => {
    const phase = this.mobility()?.phase;
    return phase === 'completed' || phase === 'withdrawn';
  });

  /**
   * The lifecycle buttons: the events the machine accepts now and the role may send, and — for the
   * sending side — ADVANCE always while the mobility is under way: pressing it when it is refused
   * shows what is still missing.
   */
  protected readonly eventButtons = computed<MobilityEventType[]>(() => {
    const m = this.mobility();
    if (!m || this.isFinal()) return [];
    const allowed = m.allowedEvents as MobilityEventType[];
    return allowed.includes('ADVANCE') || !this.sendingSide() ? allowed : ['ADVANCE', ...allowed];
  });

  /** The phase stepper: done, current, stopped (withdrawn there) or still to come. */
  protected readonly steps = computed(() => {
    const m = this.mobility();
    if (!m) return [];
    let current: number;
    if (m.phase === 'completed') current = PHASES.length;
    else if (m.phase === 'withdrawn') {
      const last = [...this.history()].reverse().find((h) => h.to === 'withdrawn');
      current = last?.from ? PHASES.indexOf(last.from as (typeof PHASES)[number]) : -1;
    } else current = PHASES.indexOf(m.phase);
    return PHASES.map((phase, i) => ({
      phase,
      label: stateLabel(phase),
      state: (i < current
        ? 'done'
        : i === current
          ? m.phase === 'withdrawn'
            ? 'stopped'
            : 'current'
          : 'todo') as StepState,
    }));
  });

  protected readonly taskGroups = computed(() =>
    PHASES.map((phase) => {
      const tasks = this.tasks().filter((t) => t.phase === phase);
      return {
        phase,
        label: stateLabel(phase),
        tasks,
        settled: tasks.filter((t) => t.status !== 'open').length,
        overdue: tasks.filter((t) => t.overdue).length,
      };
    }).filter((g) => g.tasks.length > 0),
  );

  protected readonly hostChangeable = computed(() => {
    const m = this.mobility();
    return !!m && canChangeHost(m.phase);
  });

  protected readonly editHostOptions = computed(() => {
    const sendingCountry = this.mobility()?.sendingOrganisation.country ?? '';
    return this.organisations()
      .filter((o) => o.country.toUpperCase() !== sendingCountry.toUpperCase())
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  /** Client-side checks mirroring the API's rules; keyed by field. */
  protected readonly editErrors = computed(() => {
    const m = this.mobility();
    const errors: Record<string, string> = {};
    if (!m || !this.editing()) return errors;
    const start = this.editStart();
    const end = this.editEnd();
    if (!isIsoDate(start)) errors['startDate'] = 'Enter the first day of the activity.';
    if (!isIsoDate(end)) errors['endDate'] = 'Enter the last day of the activity.';
    if (isIsoDate(start) && isIsoDate(end)) {
      const [violation] = validateMobilityDates(m.activityType, start, end);
      if (violation) errors[violation.field] = ruleMessage(violation.message);
    }
    const host = this.organisations().find((o) => o.id === this.editHost()) ?? null;
    const [hostViolation] = hostViolations(m.sendingOrganisation.country, host?.country ?? null);
    if (hostViolation) errors['hostOrganisationId'] = ruleMessage(hostViolation.message);
    const mentorName = this.editMentorName().trim();
    const mentorEmail = this.editMentorEmail().trim();
    if (mentorName.length > 200) errors['mentorName'] = 'Shorten the name to 200 characters at most.';
    if (mentorEmail && !EMAIL_PATTERN.test(mentorEmail))
      errors['mentorEmail'] = 'Enter an e-mail address such as name@company.eu.';
    else if (mentorEmail && !this.editHost())
      errors['mentorEmail'] = 'A mentor belongs to the host: choose the host first.';
    else if (mentorName && !this.editHost())
      errors['mentorName'] = 'A mentor belongs to the host: choose the host first.';
    return errors;
  });

  /** The host chosen in the form differs from the mobility's: the old mentor does not come along. */
  protected readonly editHostChanged = computed(
    () => this.editHost() !== (this.mobility()?.hostOrganisation?.id ?? ''),
  );

  constructor() {
    effect(() => {
      const id = this.mobilityId();
      untracked(() => void this.load(id));
    });
  }

  protected eventLabel(event: string): string {
    const m = this.mobility();
    if (event === 'HOST_DECLINE') return 'Decline placement';
    if (m && event === 'ADVANCE' && isPhaseName(m.phase)) {
      const next = nextPhase(m.phase);
      return next ? `Advance to ${stateLabel(next)}` : 'Complete mobility';
    }
    if (m && event === 'REOPEN' && isPhaseName(m.phase)) {
      const previous = previousPhase(m.phase);
      return previous ? `Reopen ${stateLabel(previous)}` : 'Reopen';
    }
    return eventLabel(event);
  }

  protected needsReason(event: MobilityEventType): boolean {
    return EVENTS_REQUIRING_REASON.includes(event);
  }

  /** Events that ask before they are sent: those with a reason, and the host's decline (a reason optional). */
  protected asksFirst(event: MobilityEventType): boolean {
    return this.needsReason(event) || event === 'HOST_DECLINE';
  }

  /** Whether the role may tick (or untick) this task. */
  protected mayTick(task: TaskDto): boolean {
    const role = this.role();
    return role !== null && mayChangeTask(role, task.role, 'done');
  }

  /** Whether the role may waive this task (the sending side only). */
  protected mayWaive(task: TaskDto): boolean {
    const role = this.role();
    return role !== null && mayChangeTask(role, task.role, 'waived');
  }

  protected taskBlocker(task: TaskDto): string | null {
    const m = this.mobility();
    return m ? (taskEditBlocker(m.phase, task.key)?.message ?? null) : null;
  }

  protected fieldError(field: string): string | null {
    return (this.editSubmitted() ? this.editErrors()[field] : null) ?? fieldMessage(this.editProblem(), field);
  }

  /** Reads the mobility and its checklist, then — for the sending side, who may read it — its history. */
  async load(id = this.mobilityId()): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      const [response, tasks] = await Promise.all([
        this.api.invoke$Response(getMobility, { id }),
        this.api.invoke(listMobilityTasks, { id }),
      ]);
      const history = isSendingSide(response.body.yourRole) ? await this.api.invoke(getMobilityHistory, { id }) : [];
      this.setMobility(response.body, response.headers.get('ETag'));
      this.tasks.set(tasks);
      this.history.set(history);
    } catch (error) {
      this.loadProblem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async reload(): Promise<void> {
    this.refusal.set(null);
    this.actionProblem.set(null);
    await this.load();
    if (!this.loadProblem()) this.announcement.set('Mobility reloaded.');
  }

  // ---- Checklist -------------------------------------------------------------------------------

  protected async toggleTask(task: TaskDto, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const status: UpdateTaskDto['status'] = box.checked ? 'done' : 'open';
    const ok = await this.changeTask(task, { status });
    if (!ok) box.checked = task.status === 'done';
  }

  protected async reopenTask(task: TaskDto): Promise<void> {
    await this.changeTask(task, { status: 'open' });
  }

  protected startWaiver(task: TaskDto): void {
    this.waiving.set(task);
    this.waiverReason.set('');
    this.waiverError.set(null);
    afterNextRender(() => this.waiverBox()?.nativeElement.focus(), { injector: this.injector });
  }

  protected cancelWaiver(): void {
    const task = this.waiving();
    this.waiving.set(null);
    if (task) this.focusById(`waive-${task.id}`);
  }

  protected async confirmWaiver(event: Event): Promise<void> {
    event.preventDefault();
    const task = this.waiving();
    if (!task) return;
    const reason = this.waiverReason().trim();
    if (!reason) {
      this.waiverError.set('Give a reason for waiving this task.');
      this.waiverBox()?.nativeElement.focus();
      return;
    }
    if (await this.changeTask(task, { status: 'waived', waiverReason: reason })) this.waiving.set(null);
  }

  private async changeTask(task: TaskDto, body: UpdateTaskDto): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.actionProblem.set(null);
    try {
      const response = await this.api.invoke$Response(updateTask, {
        id: task.id,
        'If-Match': this.currentEtag(),
        body,
      });
      const { mobilityVersion, ...updated } = response.body;
      this.tasks.update((list) => list.map((t) => (t.id === updated.id ? updated : t)));
      this.etag.set(response.headers.get('ETag') ?? etagOf(mobilityVersion));
      this.mobility.update((m) => (m ? { ...m, version: mobilityVersion } : m));
      this.announcement.set(`${updated.title}: ${statusWord(updated.status)}.`);
      // The lifecycle's allowed events and the counts depend on the checklist.
      await this.refreshMobility();
      return true;
    } catch (error) {
      this.handleProblem(toApiProblem(error));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  // ---- Lifecycle events ------------------------------------------------------------------------

  protected startEvent(type: MobilityEventType): void {
    // aria-disabled rather than disabled while busy: a disabled button would drop keyboard focus.
    if (this.busy()) return;
    this.refusal.set(null);
    this.actionProblem.set(null);
    if (this.asksFirst(type)) {
      this.reasonFor.set(type);
      this.reason.set('');
      this.reasonError.set(null);
      afterNextRender(() => this.reasonBox()?.nativeElement.focus(), { injector: this.injector });
      return;
    }
    void this.sendEvent(type);
  }

  protected cancelReason(): void {
    const type = this.reasonFor();
    this.reasonFor.set(null);
    if (type) this.focusById(`event-${type}`);
  }

  protected async confirmReason(event: Event): Promise<void> {
    event.preventDefault();
    const type = this.reasonFor();
    if (!type) return;
    const reason = this.reason().trim();
    if (!reason && this.needsReason(type)) {
      this.reasonError.set(
        `Give a reason to ${type === 'WITHDRAW' ? 'withdraw the mobility' : 'reopen the previous phase'}.`,
      );
      this.reasonBox()?.nativeElement.focus();
      return;
    }
    if (await this.sendEvent(type, reason || undefined)) this.reasonFor.set(null);
  }

  private async sendEvent(type: MobilityEventType, reason?: string): Promise<boolean> {
    const m = this.mobility();
    if (!m || this.busy()) return false;
    this.busy.set(true);
    const label = this.eventLabel(type);
    try {
      const response = await this.api.invoke$Response(sendMobilityEvent, {
        id: m.id,
        'If-Match': this.currentEtag(),
        body: reason ? { type, reason } : { type },
      });
      if (type === 'HOST_DECLINE' && !this.sendingSide()) {
        // The host has no part in this mobility any more: back to the placements.
        this.notifications.show(
          'info',
          `You declined the placement of ${m.participant.firstName} ${m.participant.lastName}. ${m.sendingOrganisation.name} is informed.`,
        );
        await this.router.navigateByUrl('/host');
        return true;
      }
      this.setMobility(response.body, response.headers.get('ETag'));
      await this.refreshChecklistAndHistory();
      this.announcement.set(`${label}: done. The mobility is now in ${stateLabel(response.body.phase)}.`);
      return true;
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.status === 409 && problem.unmet.length > 0) this.refusal.set({ event: type, problem });
      else this.handleProblem(problem);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  // ---- Dates and host --------------------------------------------------------------------------

  protected async startEdit(): Promise<void> {
    const m = this.mobility();
    if (!m) return;
    this.editStart.set(m.startDate);
    this.editEnd.set(m.endDate);
    this.editHost.set(m.hostOrganisation?.id ?? '');
    this.editMentorName.set(m.mentor?.name ?? '');
    this.editMentorEmail.set(m.mentor?.email ?? '');
    this.editSubmitted.set(false);
    this.editProblem.set(null);
    this.editing.set(true);
    afterNextRender(() => this.editStartBox()?.nativeElement.focus(), { injector: this.injector });
    if (this.organisations().length === 0) {
      try {
        const page = await this.api.invoke(listOrganisations, { pageSize: 500 });
        this.organisations.set(page.items);
      } catch (error) {
        this.editProblem.set(toApiProblem(error));
      }
    }
  }

  /** A mentor belongs to a host: another host starts with an empty mentor, the original one gets its mentor back. */
  protected changeEditHost(hostId: string): void {
    this.editHost.set(hostId);
    const m = this.mobility();
    const original = hostId === (m?.hostOrganisation?.id ?? '');
    this.editMentorName.set(original ? (m?.mentor?.name ?? '') : '');
    this.editMentorEmail.set(original ? (m?.mentor?.email ?? '') : '');
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.focusById('edit-dates');
  }

  protected async saveEdit(event: Event): Promise<void> {
    event.preventDefault();
    const m = this.mobility();
    if (!m || this.busy()) return;
    this.editSubmitted.set(true);
    this.editProblem.set(null);
    const errors = this.editErrors();
    const firstInvalid = EDIT_FIELDS.find((f) => errors[f]);
    if (firstInvalid) {
      this.focusById(`edit-${firstInvalid}`);
      return;
    }
    const body: UpdateMobilityDto = {};
    if (this.editStart() !== m.startDate) body.startDate = this.editStart();
    if (this.editEnd() !== m.endDate) body.endDate = this.editEnd();
    const host = this.editHost() || null;
    const hostChanged = this.hostChangeable() && host !== (m.hostOrganisation?.id ?? null);
    if (hostChanged) body.hostOrganisationId = host;
    const mentorName = this.editMentorName().trim() || null;
    const mentorEmail = this.editMentorEmail().trim().toLowerCase() || null;
    const mentorChanged =
      mentorName !== (m.mentor?.name ?? null) || mentorEmail !== (m.mentor?.email?.toLowerCase() ?? null);
    // A new host clears the mentor unless one is named; the same host keeps it unless it changed.
    if (hostChanged ? mentorName !== null || mentorEmail !== null : mentorChanged) {
      body.mentorName = mentorName;
      body.mentorEmail = mentorEmail;
    }
    if (Object.keys(body).length === 0) {
      this.editing.set(false);
      this.announcement.set('Nothing changed.');
      this.focusById('edit-dates');
      return;
    }
    this.busy.set(true);
    try {
      const response = await this.api.invoke$Response(updateMobility, {
        id: m.id,
        'If-Match': this.currentEtag(),
        body,
      });
      this.setMobility(response.body, response.headers.get('ETag'));
      await this.refreshChecklistAndHistory();
      this.editing.set(false);
      this.announcement.set(
        body.startDate || body.endDate ? 'Changes saved. Due dates have been recalculated.' : 'Changes saved.',
      );
      this.focusById('edit-dates');
    } catch (error) {
      const problem = toApiProblem(error);
      if (problem.stale) this.handleProblem(problem);
      else this.editProblem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }

  // ---- Helpers ---------------------------------------------------------------------------------

  private currentEtag(): string | undefined {
    const m = this.mobility();
    return this.etag() ?? (m ? etagOf(m.version) : undefined);
  }

  private setMobility(mobility: MobilityDto, etag: string | null): void {
    this.mobility.set(mobility);
    this.etag.set(etag ?? etagOf(mobility.version));
  }

  private async refreshMobility(): Promise<void> {
    const m = this.mobility();
    if (!m) return;
    try {
      const response = await this.api.invoke$Response(getMobility, { id: m.id });
      this.setMobility(response.body, response.headers.get('ETag'));
    } catch (error) {
      this.handleProblem(toApiProblem(error));
    }
  }

  private async refreshChecklistAndHistory(): Promise<void> {
    const m = this.mobility();
    if (!m) return;
    try {
      const [tasks, history] = await Promise.all([
        this.api.invoke(listMobilityTasks, { id: m.id }),
        this.sendingSide() ? this.api.invoke(getMobilityHistory, { id: m.id }) : Promise.resolve([]),
      ]);
      this.tasks.set(tasks);
      this.history.set(history);
    } catch (error) {
      this.handleProblem(toApiProblem(error));
    }
  }

  private handleProblem(problem: ApiProblem): void {
    if (problem.stale) {
      this.notifications.show(
        'error',
        'Someone else changed this mobility in the meantime. Reload it to see the latest version.',
        {
          label: 'Reload',
          run: () => void this.reload(),
        },
      );
      return;
    }
    this.actionProblem.set(problem);
  }

  private focusById(id: string): void {
    afterNextRender(() => document.getElementById(id)?.focus(), { injector: this.injector });
  }
}

function isPhaseName(state: string): state is (typeof PHASES)[number] {
  return (PHASES as readonly string[]).includes(state);
}

function statusWord(status: TaskDto['status']): string {
  return status === 'done' ? 'done' : status === 'waived' ? 'waived' : 'open again';
}
