import { afterNextRender, ChangeDetectionStrategy, Component, computed, ElementRef, inject, Injector, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Api,
  getMobility,
  listMobilities,
  listMobilityTasks,
  sendMobilityEvent,
  updateTask,
  type MobilityDto,
  type MobilitySummaryDto,
  type TaskDto,
} from '@mobility-hub/api-client';
import { ACTIVITY_TYPES, activityDays, hostOrganisationIds, isFinalState, mayChangeTask, TASK_KEYS, taskEditBlocker } from '@mobility-hub/domain';
import { toApiProblem, type ApiProblem } from '../../core/api/problem';
import { Session } from '../../core/auth/session';
import { formatDate } from '../../core/format-date';
import { PHASE_LABELS } from '../../core/phase-labels';
import { etagOf } from '../mobility/labels';

/** The mobilities of a mentor's company are few; one page holds them. */
export const HOST_PAGE_SIZE = 200;

/** A placement at the mentor's company, with what the mentor may do about it. */
interface Placement {
  readonly mobility: MobilityDto;
  /** The ETag of the mobility as last read; sent back in If-Match. */
  readonly etag: string;
  /** The host's tasks (the API sends a mentor nothing else). */
  readonly tasks: readonly TaskDto[];
}

/** A host task in the list of open tasks, with the learner it is for. */
interface HostTask {
  readonly task: TaskDto;
  readonly placement: Placement;
  /** Why it cannot be ticked here, if it cannot. */
  readonly blocker: string | null;
}

/**
 * `host`, a mentor's start page ("Placements"): the placements of their company still waiting for the
 * host's answer (confirm, or decline after a confirmation step), the host's open tasks across all
 * placements (overdue first marked, tickable), and every placement with a link to its file. Only what
 * a host needs: never the learner's date of birth (the API does not send it to a mentor either).
 */
@Component({
  selector: 'app-host-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page page-wide page-kit' },
  templateUrl: './host-home-page.html',
  styleUrl: './host-home-page.css',
})
export class HostHomePage {
  private readonly api = inject(Api);
  private readonly session = inject(Session);
  private readonly injector = inject(Injector);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly formatDate = formatDate;
  protected readonly phaseLabel = PHASE_LABELS;

  protected readonly summaries = signal<readonly MobilitySummaryDto[]>([]);
  protected readonly placements = signal<readonly Placement[]>([]);
  protected readonly loading = signal(true);
  protected readonly loadProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');
  /** A refused or failed action, with the mobility it concerns. */
  protected readonly actionProblem = signal<{ readonly mobilityId: string; readonly what: string; readonly problem: ApiProblem } | null>(null);
  /** A task that did not change. */
  protected readonly taskProblem = signal<{ readonly what: string; readonly problem: ApiProblem } | null>(null);
  /** The placement whose decline waits for confirmation. */
  protected readonly declining = signal<string | null>(null);
  protected readonly declineReason = signal('');
  /** Tasks open when the page loaded: a task ticked now stays in the list (and can be unticked). */
  private readonly listedTaskIds = signal<ReadonlySet<string>>(new Set());

  /** The companies the person mentors for, by name (for the lead). */
  protected readonly companies = computed(() =>
    (this.session.user()?.memberships ?? []).filter((m) => m.role === 'mentor').map((m) => m.organisationName),
  );

  protected readonly toConfirm = computed(() => this.placements().filter((p) => p.mobility.allowedEvents.includes('HOST_CONFIRM')));

  protected readonly openTasks = computed<HostTask[]>(() => {
    const listed = this.listedTaskIds();
    return this.placements()
      .flatMap((placement) =>
        placement.tasks
          .filter((task) => listed.has(task.id))
          .map((task) => ({ task, placement, blocker: this.blockerOf(placement, task) })),
      )
      .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate) || a.task.title.localeCompare(b.task.title));
  });
  protected readonly openCount = computed(() => this.openTasks().filter((t) => t.task.status === 'open').length);
  protected readonly overdueCount = computed(() => this.openTasks().filter((t) => t.task.overdue).length);

  constructor() {
    void this.load();
  }

  /** Reads the company's placements, then each open one's file (what the host may do) and its host tasks. */
  async load(): Promise<void> {
    this.loading.set(true);
    this.loadProblem.set(null);
    try {
      const page = await this.api.invoke(listMobilities, { page: 1, pageSize: HOST_PAGE_SIZE });
      // Someone who also works for a school sees its mobilities too: here, only their companies' placements.
      const user = this.session.user();
      const companies = user ? hostOrganisationIds(user) : [];
      const mine = page.items.filter((m) => !!m.hostOrganisation && (companies.length === 0 || companies.includes(m.hostOrganisation.id)));
      const placements = await Promise.all(
        mine
          .filter((m) => !isFinalState(m.phase))
          .map(async (m): Promise<Placement> => {
            const [response, tasks] = await Promise.all([
              this.api.invoke$Response(getMobility, { id: m.id }),
              this.api.invoke(listMobilityTasks, { id: m.id }),
            ]);
            return { mobility: response.body, etag: response.headers.get('ETag') ?? etagOf(response.body.version), tasks: tasks.filter((t) => t.role === 'host') };
          }),
      );
      this.summaries.set(mine);
      this.placements.set(placements);
      this.listedTaskIds.set(new Set(placements.flatMap((p) => p.tasks.filter((t) => t.status === 'open').map((t) => t.id))));
    } catch (error) {
      this.loadProblem.set(toApiProblem(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected learnerName(mobility: Pick<MobilityDto, 'participant'>): string {
    return `${mobility.participant.firstName} ${mobility.participant.lastName}`;
  }

  protected activityLabel(mobility: Pick<MobilityDto, 'activityType'>): string {
    return ACTIVITY_TYPES[mobility.activityType]?.label ?? mobility.activityType;
  }

  protected days(mobility: Pick<MobilityDto, 'startDate' | 'endDate'>): number {
    return activityDays(mobility.startDate, mobility.endDate);
  }

  // ---- The host's answer -----------------------------------------------------------------------

  protected async confirm(placement: Placement): Promise<void> {
    if (await this.send(placement, 'HOST_CONFIRM')) {
      this.announcement.set(
        `The placement of ${this.learnerName(placement.mobility)} is confirmed. ${placement.mobility.sendingOrganisation.name} is informed.`,
      );
      this.focus('confirm-heading');
    }
  }

  protected startDecline(placement: Placement): void {
    this.actionProblem.set(null);
    this.declining.set(placement.mobility.id);
    this.declineReason.set('');
    this.focus(`decline-reason-${placement.mobility.id}`);
  }

  protected cancelDecline(placement: Placement): void {
    this.declining.set(null);
    this.focus(`decline-${placement.mobility.id}`);
  }

  protected async confirmDecline(placement: Placement, event: Event): Promise<void> {
    event.preventDefault();
    if (await this.send(placement, 'HOST_DECLINE', this.declineReason().trim() || undefined)) {
      this.declining.set(null);
      this.announcement.set(
        `You declined the placement of ${this.learnerName(placement.mobility)}. ${placement.mobility.sendingOrganisation.name} is informed and looks for another host.`,
      );
      this.focus('confirm-heading');
    }
  }

  private async send(placement: Placement, type: 'HOST_CONFIRM' | 'HOST_DECLINE', reason?: string): Promise<boolean> {
    if (this.busy()) return false;
    this.busy.set(true);
    this.actionProblem.set(null);
    try {
      const response = await this.api.invoke$Response(sendMobilityEvent, {
        id: placement.mobility.id,
        'If-Match': placement.etag,
        body: reason ? { type, reason } : { type },
      });
      const mobility = response.body;
      // Declined: no longer this company's placement. Confirmed: its tasks changed (the confirmation is done).
      if (type === 'HOST_DECLINE') {
        this.placements.update((list) => list.filter((p) => p.mobility.id !== mobility.id));
        this.summaries.update((list) => list.filter((m) => m.id !== mobility.id));
      } else {
        const tasks = (await this.api.invoke(listMobilityTasks, { id: mobility.id })).filter((t) => t.role === 'host');
        const etag = response.headers.get('ETag') ?? etagOf(mobility.version);
        this.replace({ mobility, etag, tasks });
        this.summaries.update((list) => list.map((m) => (m.id === mobility.id ? { ...m, phase: mobility.phase, placementConfirmed: mobility.placementConfirmed } : m)));
      }
      return true;
    } catch (error) {
      this.actionProblem.set({
        mobilityId: placement.mobility.id,
        what: type === 'HOST_CONFIRM' ? 'The placement was not confirmed.' : 'The placement was not declined.',
        problem: toApiProblem(error),
      });
      this.focus(`action-problem-${placement.mobility.id}`);
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  // ---- The host's tasks ------------------------------------------------------------------------

  protected async toggleTask(item: HostTask, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const status = box.checked ? 'done' : 'open';
    if (this.busy()) {
      box.checked = item.task.status === 'done';
      return;
    }
    this.busy.set(true);
    this.taskProblem.set(null);
    try {
      const response = await this.api.invoke$Response(updateTask, { id: item.task.id, 'If-Match': item.placement.etag, body: { status } });
      const { mobilityVersion, ...task } = response.body;
      const current = this.placements().find((p) => p.mobility.id === item.placement.mobility.id) ?? item.placement;
      this.replace({
        mobility: { ...current.mobility, version: mobilityVersion },
        etag: response.headers.get('ETag') ?? etagOf(mobilityVersion),
        tasks: current.tasks.map((t) => (t.id === task.id ? task : t)),
      });
      this.announcement.set(`${task.title} for ${this.learnerName(item.placement.mobility)}: ${status === 'done' ? 'done' : 'open again'}.`);
    } catch (error) {
      box.checked = item.task.status === 'done';
      this.taskProblem.set({ what: `“${item.task.title}” for ${this.learnerName(item.placement.mobility)} did not change.`, problem: toApiProblem(error) });
      this.focus('tasks-problem');
    } finally {
      this.busy.set(false);
    }
  }

  private blockerOf(placement: Placement, task: TaskDto): string | null {
    if (task.key === TASK_KEYS.hostConfirmation) {
      return placement.mobility.allowedEvents.includes('HOST_CONFIRM')
        ? 'Done by confirming the placement above.'
        : 'Done when the placement is confirmed.';
    }
    const blocker = taskEditBlocker(placement.mobility.phase, task.key);
    if (blocker) return blocker.message;
    return mayChangeTask(placement.mobility.yourRole, task.role, 'done') ? null : 'The school ticks this task.';
  }

  private replace(placement: Placement): void {
    this.placements.update((list) => list.map((p) => (p.mobility.id === placement.mobility.id ? placement : p)));
  }

  private focus(id: string): void {
    afterNextRender(() => this.host.nativeElement.querySelector<HTMLElement>(`#${id}`)?.focus(), { injector: this.injector });
  }
}
