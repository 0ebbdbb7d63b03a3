import { ChangeDetectionStrategy, Component, computed, inject, linkedSignal, resource, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  Api,
  getMobility,
  listMobilities,
  listMobilityTasks,
  updateTask,
  type MobilityDto,
  type MobilitySummaryDto,
  type TaskDto,
} from '@mobility-hub/api-client';
import {
  ACTIVITY_TYPES,
  daysBetween,
  isFinalState,
  isoDateOf,
  mayChangeTask,
  PHASES,
  taskEditBlocker,
} from '@mobility-hub/domain';
import { etagOf } from '@app/core/api/etag';
import { loadOrExplain, loadProblemOf, toApiProblem, type ApiProblem } from '@app/core/api/problem';
import { formatDate } from '@app/core/format-date';
import { PHASE_LABELS } from '@app/core/phase-labels';

type StepState = 'done' | 'current' | 'stopped' | 'todo';

/** What the page reads: the learner's current mobility (with its ETag and tasks) and their other ones. */
interface LearnerHome {
  readonly mobility: MobilityDto | null;
  readonly etag: string | null;
  readonly tasks: readonly TaskDto[];
  readonly others: readonly MobilitySummaryDto[];
}

/**
 * The mobility a learner's start page is about: the one under way (the earliest if several), else
 * the latest one that ended.
 */
export function currentMobility(items: readonly MobilitySummaryDto[]): MobilitySummaryDto | null {
  const byStart = [...items].sort((a, b) => a.startDate.localeCompare(b.startDate));
  return byStart.find((m) => !isFinalState(m.phase)) ?? byStart.at(-1) ?? null;
}

/** "in 3 days", "today", "tomorrow", "2 days ago" — from `today` to `date`. */
export function dueIn(date: string, today: string): string {
  const days = daysBetween(today, date);
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/**
 * `me`, a learner's start page ("My mobility"): where their mobility stands (the five phases as
 * progress), the next deadline that is theirs, prominently, and their checklist (their own tasks,
 * tickable). The whole file is a link away.
 */
@Component({
  selector: 'app-learner-home-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink],
  host: { class: 'page page-kit' },
  templateUrl: './learner-home-page.html',
  styleUrl: './learner-home-page.css',
})
export class LearnerHomePage {
  private readonly api = inject(Api);

  protected readonly formatDate = formatDate;
  protected readonly phaseLabel = PHASE_LABELS;
  /** Today's date (UTC, as the API counts due dates). */
  protected readonly today = signal(isoDateOf(new Date()));

  private readonly home = resource({ loader: () => loadOrExplain(() => this.read()) });
  private readonly loaded = computed(() => (this.home.hasValue() ? this.home.value() : null));
  /** The mobility as read, then as ticking tasks changes its version. */
  protected readonly mobility = linkedSignal(() => this.loaded()?.mobility ?? null);
  /** The other mobilities of the learner (rare: a second one, or an earlier one). */
  protected readonly others = computed(() => this.loaded()?.others ?? []);
  protected readonly tasks = linkedSignal(() => this.loaded()?.tasks ?? []);
  private readonly etag = linkedSignal(() => this.loaded()?.etag ?? null);
  protected readonly loading = this.home.isLoading;
  protected readonly loadProblem = computed(() => loadProblemOf(this.home));
  protected readonly taskProblem = signal<ApiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly announcement = signal('');

  protected readonly activityLabel = computed(() => {
    const m = this.mobility();
    return m ? (ACTIVITY_TYPES[m.activityType]?.label ?? m.activityType) : '';
  });

  /** The five phases: done, current, still to come (or where it stopped, if withdrawn). */
  protected readonly steps = computed(() => {
    const m = this.mobility();
    if (!m) return [];
    const current = m.phase === 'completed' ? PHASES.length : m.phase === 'withdrawn' ? -1 : PHASES.indexOf(m.phase);
    return PHASES.map((phase, i) => ({
      phase,
      label: PHASE_LABELS[phase],
      state: (i < current ? 'done' : i === current ? 'current' : 'todo') as StepState,
    }));
  });
  protected readonly phaseNumber = computed(() => {
    const m = this.mobility();
    return m && !isFinalState(m.phase) ? PHASES.indexOf(m.phase) + 1 : null;
  });

  /** The learner's own tasks, by due date. */
  protected readonly checklist = computed(() =>
    this.tasks()
      .filter((t) => t.role === 'learner')
      .slice()
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.title.localeCompare(b.title)),
  );
  protected readonly openCount = computed(() => this.checklist().filter((t) => t.status === 'open').length);
  protected readonly doneCount = computed(() => this.checklist().filter((t) => t.status === 'done').length);
  /** The learner's next deadline: the open task of theirs due first. */
  protected readonly nextTask = computed(() => {
    const m = this.mobility();
    if (!m || isFinalState(m.phase)) return null;
    return this.checklist().find((t) => t.status === 'open') ?? null;
  });

  load(): void {
    this.home.reload();
  }

  /** The learner's mobilities, then the file and the tasks of the current one. */
  private async read(): Promise<LearnerHome> {
    const page = await this.api.invoke(listMobilities, { page: 1, pageSize: 20 });
    const current = currentMobility(page.items);
    const others = page.items.filter((m) => m.id !== current?.id);
    if (!current) return { mobility: null, etag: null, tasks: [], others };
    const [response, tasks] = await Promise.all([
      this.api.invoke$Response(getMobility, { id: current.id }),
      this.api.invoke(listMobilityTasks, { id: current.id }),
    ]);
    return {
      mobility: response.body,
      etag: response.headers.get('ETag') ?? etagOf(response.body.version),
      tasks,
      others,
    };
  }

  protected dueIn(date: string): string {
    return dueIn(date, this.today());
  }

  protected blocker(task: TaskDto): string | null {
    const m = this.mobility();
    if (!m) return null;
    if (task.status === 'waived') return 'Not needed (waived by your school).';
    const blocker = taskEditBlocker(m.phase, task.key);
    if (blocker) return blocker.message;
    return mayChangeTask(m.yourRole, task.role, 'done') ? null : 'Your school ticks this task.';
  }

  protected async toggleTask(task: TaskDto, event: Event): Promise<void> {
    const box = event.target as HTMLInputElement;
    const m = this.mobility();
    if (!m || this.busy()) {
      box.checked = task.status === 'done';
      return;
    }
    const status = box.checked ? 'done' : 'open';
    this.busy.set(true);
    this.taskProblem.set(null);
    try {
      const response = await this.api.invoke$Response(updateTask, {
        id: task.id,
        'If-Match': this.etag() ?? etagOf(m.version),
        body: { status },
      });
      const { mobilityVersion, ...updated } = response.body;
      this.tasks.update((list) => list.map((t) => (t.id === updated.id ? updated : t)));
      this.mobility.set({ ...m, version: mobilityVersion });
      this.etag.set(response.headers.get('ETag') ?? etagOf(mobilityVersion));
      this.announcement.set(`${updated.title}: ${status === 'done' ? 'done' : 'open again'}.`);
    } catch (error) {
      box.checked = task.status === 'done';
      this.taskProblem.set(toApiProblem(error));
    } finally {
      this.busy.set(false);
    }
  }
}
