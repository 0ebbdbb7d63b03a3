import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, resource, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Api,
  getMobility,
  listMobilities,
  listMyTasks,
  sendMobilityEvent,
  updateTask,
  type MobilityDto,
  type MobilitySummaryDto,
  type TaskInListDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  activityDays,
  hostConfirmBlockers,
  hostOrganisationIds,
  isFinalState,
  mayChangeTask,
  TASK_KEYS,
  taskEditBlocker,
  type MobilityState,
} from '@mobility-hub/domain';
import { etagOf } from '@app/core/api/etag';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { Session } from '@app/core/auth/session';
import { injectFocus } from '@app/core/dom/focus';
import { formatDate } from '@app/core/format-date';
import { PHASE_LABELS } from '@app/core/phase-labels';

/** The mobilities of a mentor's company are few; one page holds them. */
export const HOST_PAGE_SIZE = 200;
/** The most tasks GET /api/tasks sends in one page. */
export const TASK_PAGE_SIZE = 100;

/** A placement waiting for the host's answer, read in full: what the mentor may do about it. */
interface Placement {
  readonly mobility: MobilityDto;
}

/** The version of a mobility as last read, and its ETag (sent back in If-Match). */
interface KnownVersion {
  readonly version: number;
  readonly etag: string;
}

/** What the page reads: the company's placements, those waiting for an answer, the host's open tasks, the versions seen. */
interface HostHome {
  readonly summaries: readonly MobilitySummaryDto[];
  readonly placements: readonly Placement[];
  readonly tasks: readonly TaskInListDto[];
  readonly versions: ReadonlyMap<string, KnownVersion>;
}

/** A host task in the list of open tasks. */
interface HostTask {
  readonly task: TaskInListDto;
  /** Why it cannot be ticked here, if it cannot. */
  readonly blocker: string | null;
}

/** The phases whose state in the mobility machine (libs/domain) accepts HOST_CONFIRM and HOST_DECLINE. */
const HOST_ANSWER_PHASES: readonly MobilityState[] = ['application', 'preparation'];

/**
 * Whether a placement may still wait for the host's answer. The machine's HOST_CONFIRM guard (a host
 * assigned, the placement not yet confirmed, in a phase that takes the event) can be read off the
 * summary; whether the signed-in person answers for the host there cannot (someone who is also a
 * coordinator of the project's beneficiary is the sending side for it, and may not), so the file of
 * each such candidate is read for its allowedEvents and ETag — and no other.
 */
export function awaitsHostAnswer(
  m: Pick<MobilitySummaryDto, 'hostOrganisation' | 'placementConfirmed' | 'phase'>,
): boolean {
  return (
    HOST_ANSWER_PHASES.includes(m.phase) &&
    hostConfirmBlockers({
      hostOrganisationId: m.hostOrganisation?.id ?? null,
      placementConfirmed: m.placementConfirmed,
    }).length === 0
  );
}

/** Of two reads of a mobility's version, the later. */
function newer(known: KnownVersion | undefined, read: KnownVersion): KnownVersion {
  return known && known.version > read.version ? known : read;
}

/**
 * `host`, a mentor's start page ("Placements"): the placements of their company still waiting for the
 * host's answer (confirm, or decline after a confirmation step), the host's open tasks across all
 * placements (overdue first marked, tickable), and every placement with a link to its file. Only what
 * a host needs: never the learner's date of birth (the API does not send it to a mentor either).
 *
 * Requests: the company's mobilities, then together the host's open tasks (GET /api/tasks, one query
 * across all placements; none when no placement is under way) and the file of each placement that
 * may wait for the host's answer — not one request per placement.
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
  private readonly focus = injectFocus();

  protected readonly formatDate = formatDate;
  protected readonly phaseLabel = PHASE_LABELS;

  private readonly home = resource({ loader: () => loadOrExplain(() => this.read()) });
  private readonly loaded = computed(() => (this.home.hasValue() ? this.home.value() : null));
  /** The company's placements as read, then as answers here change them. */
  protected readonly summaries = linkedSignal(() => this.loaded()?.summaries ?? []);
  /** The placements that may wait for the host's answer, read in full. */
  protected readonly placements = linkedSignal(() => this.loaded()?.placements ?? []);
  /** The host tasks open when the page loaded: a task ticked now stays in the list (and can be unticked). */
  private readonly tasks = linkedSignal(() => this.loaded()?.tasks ?? []);
  /** Each mobility's version as last read or changed here, by id: the one If-Match sends. */
  private readonly versions = linkedSignal<ReadonlyMap<string, KnownVersion>>(
    () => this.loaded()?.versions ?? new Map(),
  );
  protected readonly loading = this.home.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.home));
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');
  /** A refused or failed action, with the mobility it concerns. */
  protected readonly actionProblem = signal<{
    readonly mobilityId: string;
    readonly what: string;
    readonly problem: ApiProblem;
  } | null>(null);
  /** A task that did not change. */
  protected readonly taskProblem = signal<{ readonly what: string; readonly problem: ApiProblem } | null>(null);
  /** The placement whose decline waits for confirmation. */
  protected readonly declining = signal<string | null>(null);
  protected readonly declineReason = signal('');

  /** The companies the person mentors for, by name (for the lead). */
  protected readonly companies = computed(() =>
    (this.session.user()?.memberships ?? []).filter((m) => m.role === 'mentor').map((m) => m.organisationName),
  );

  protected readonly toConfirm = computed(() =>
    this.placements().filter((p) => p.mobility.allowedEvents.includes('HOST_CONFIRM')),
  );

  protected readonly openTasks = computed<HostTask[]>(() => {
    const confirmable = new Set(this.toConfirm().map((p) => p.mobility.id));
    return this.tasks()
      .map((task) => ({ task, blocker: this.blockerOf(task, confirmable.has(task.mobility.id)) }))
      .sort((a, b) => a.task.dueDate.localeCompare(b.task.dueDate) || a.task.title.localeCompare(b.task.title));
  });
  protected readonly openCount = computed(() => this.openTasks().filter((t) => t.task.status === 'open').length);
  protected readonly overdueCount = computed(() => this.openTasks().filter((t) => t.task.overdue).length);

  load(): void {
    this.home.reload();
  }

  /** Reads the company's placements, then the host's open tasks and the file of each placement that may wait for an answer. */
  private async read(): Promise<HostHome> {
    const page = await this.api.invoke(listMobilities, { page: 1, pageSize: HOST_PAGE_SIZE });
    // Someone who also works for a school sees its mobilities (and their host tasks) too: here, only their companies' placements.
    const user = this.session.user();
    const companies = user ? hostOrganisationIds(user) : [];
    const mine = page.items.filter(
      (m) => !!m.hostOrganisation && (companies.length === 0 || companies.includes(m.hostOrganisation.id)),
    );
    const mineIds = new Set(mine.map((m) => m.id));
    // No placement, no host task: nothing more to read.
    const [openTasks, placements] = await Promise.all([
      mine.some((m) => !isFinalState(m.phase)) ? this.loadOpenTasks() : Promise.resolve([]),
      Promise.all(
        mine.filter(awaitsHostAnswer).map(async (m): Promise<Placement & KnownVersion> => {
          const response = await this.api.invoke$Response(getMobility, { id: m.id });
          return {
            mobility: response.body,
            version: response.body.version,
            etag: response.headers.get('ETag') ?? etagOf(response.body.version),
          };
        }),
      ),
    ]);
    const tasks = openTasks.filter((t) => mineIds.has(t.mobility.id));
    const versions = new Map<string, KnownVersion>();
    for (const t of tasks)
      versions.set(
        t.mobility.id,
        newer(versions.get(t.mobility.id), { version: t.mobility.version, etag: etagOf(t.mobility.version) }),
      );
    for (const p of placements) versions.set(p.mobility.id, newer(versions.get(p.mobility.id), p));
    return { summaries: mine, placements: placements.map((p) => ({ mobility: p.mobility })), tasks, versions };
  }

  /** The host's open tasks on placements still under way: one request, more only past 100 tasks. */
  private async loadOpenTasks(): Promise<TaskInListDto[]> {
    const params = { status: 'open', role: 'host', pageSize: TASK_PAGE_SIZE } as const;
    const first = await this.api.invoke(listMyTasks, { ...params, page: 1 });
    const pages = Math.ceil(first.total / TASK_PAGE_SIZE);
    const rest = await Promise.all(
      Array.from({ length: Math.max(0, pages - 1) }, (_, i) =>
        this.api.invoke(listMyTasks, { ...params, page: i + 2 }),
      ),
    );
    // Pages read one after another could overlap if a task changes meanwhile: each task once.
    const byId = new Map<string, TaskInListDto>();
    for (const task of [first, ...rest].flatMap((p) => p.items)) byId.set(task.id, task);
    return [...byId.values()];
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
        'If-Match': this.etagOf(placement.mobility),
        body: reason ? { type, reason } : { type },
      });
      const mobility = response.body;
      this.remember(mobility.id, {
        version: mobility.version,
        etag: response.headers.get('ETag') ?? etagOf(mobility.version),
      });
      if (type === 'HOST_DECLINE') {
        // Declined: no longer this company's placement, nor its tasks.
        this.placements.update((list) => list.filter((p) => p.mobility.id !== mobility.id));
        this.summaries.update((list) => list.filter((m) => m.id !== mobility.id));
        this.tasks.update((list) => list.filter((t) => t.mobility.id !== mobility.id));
      } else {
        // Confirmed: the machine's effect completeHostConfirmationTask has ticked the confirmation task.
        this.placements.update((list) => list.map((p) => (p.mobility.id === mobility.id ? { mobility } : p)));
        this.summaries.update((list) =>
          list.map((m) =>
            m.id === mobility.id ? { ...m, phase: mobility.phase, placementConfirmed: mobility.placementConfirmed } : m,
          ),
        );
        this.tasks.update((list) =>
          list.map((t) =>
            t.mobility.id === mobility.id && t.key === TASK_KEYS.hostConfirmation
              ? { ...t, status: 'done', overdue: false }
              : t,
          ),
        );
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
    const learner = item.task.mobility.participantName;
    try {
      const response = await this.api.invoke$Response(updateTask, {
        id: item.task.id,
        'If-Match': this.etagOf(item.task.mobility),
        body: { status },
      });
      const { mobilityVersion, ...task } = response.body;
      // Every change of a task is a new version of its mobility: the next change there (or the answer) sends it.
      this.remember(task.mobilityId, {
        version: mobilityVersion,
        etag: response.headers.get('ETag') ?? etagOf(mobilityVersion),
      });
      this.tasks.update((list) => list.map((t) => (t.id === task.id ? { ...t, ...task } : t)));
      this.announcement.set(`${task.title} for ${learner}: ${status === 'done' ? 'done' : 'open again'}.`);
    } catch (error) {
      box.checked = item.task.status === 'done';
      this.taskProblem.set({
        what: `“${item.task.title}” for ${learner} did not change.`,
        problem: toApiProblem(error),
      });
      this.focus('tasks-problem');
    } finally {
      this.busy.set(false);
    }
  }

  private blockerOf(task: TaskInListDto, confirmable: boolean): string | null {
    if (task.key === TASK_KEYS.hostConfirmation) {
      return confirmable ? 'Done by confirming the placement above.' : 'Done when the placement is confirmed.';
    }
    const blocker = taskEditBlocker(task.mobility.phase, task.key);
    if (blocker) return blocker.message;
    // The API lists a mentor the host's tasks only, which a mentor ticks.
    return mayChangeTask('mentor', task.role, 'done') ? null : 'The school ticks this task.';
  }

  /** The ETag to send in If-Match for a mobility: the latest version read or written here. */
  private etagOf(mobility: { readonly id: string; readonly version: number }): string {
    return newer(this.versions().get(mobility.id), { version: mobility.version, etag: etagOf(mobility.version) }).etag;
  }

  private remember(mobilityId: string, read: KnownVersion): void {
    this.versions.update((map) => new Map(map).set(mobilityId, newer(map.get(mobilityId), read)));
  }
}
